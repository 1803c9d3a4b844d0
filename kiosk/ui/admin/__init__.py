"""Staff and technician screens: PIN keypad, settings, services, closing, enrolment, diagnostics.

They draw what ``kiosk.admin.controller.AdminController`` says and hand it what was touched;
the controller does every slow thing on its own worker and answers on the GUI thread.
"""
