<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AgencyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="31" />
        <source>Choose an agency</source>
        <translation>Pilih instansi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="32" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/agency.py" line="42" />
        <source>%n service(s)</source>
        <translation><numerusform>%n layanan</numerusform></translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="71" />
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="72" />
        <source>Fee: %1</source>
        <translation>Biaya: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="75" />
        <source>%1 people waiting · about %2 minutes</source>
        <translation>%1 orang menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="78" />
        <source>Queue length not known right now</source>
        <translation>Panjang antrean belum diketahui saat ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="79" />
        <source>Where: %1</source>
        <translation>Lokasi: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="80" />
        <source>Please bring</source>
        <translation>Harap membawa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="82" />
        <source>No documents needed.</source>
        <translation>Tidak perlu dokumen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="83" />
        <source>Priority queue (optional): choose if it applies to you</source>
        <translation>Antrean prioritas (opsional): pilih bila sesuai dengan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="84" />
        <source>Elderly (60+)</source>
        <translation>Lansia (60+)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="84" />
        <source>Disability</source>
        <translation>Penyandang disabilitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="85" />
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="89" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="90" />
        <source>Take my number</source>
        <translation>Ambil nomor antrean</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="106" />
        <source>Do you need more time?</source>
        <translation>Apakah Anda perlu waktu lagi?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="107" />
        <source>Yes, more time please</source>
        <translation>Ya, saya perlu waktu lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="108" />
        <source>No, I am finished</source>
        <translation>Tidak, saya sudah selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="123" />
        <source>For your privacy this session ends in %1 seconds.</source>
        <translation>Demi privasi Anda, sesi ini berakhir dalam %1 detik.</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="36" />
        <source>Printing your ticket…</source>
        <translation>Mencetak tiket Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="37" />
        <source>This takes a few seconds. Please wait by the printer.</source>
        <translation>Ini memerlukan beberapa detik. Mohon tunggu di dekat printer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="54" />
        <source>The service centre is answering slowly. Still trying — please stay a little longer.</source>
        <translation>Pusat layanan sedang lambat merespons. Masih mencoba — mohon tunggu sebentar lagi.</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="32" />
        <source>Back to start</source>
        <translation>Kembali ke awal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="33" />
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="34" />
        <source>No number was taken for you, so nothing is lost. Staff at the help desk can also give you a number.</source>
        <translation>Belum ada nomor yang diambil atas nama Anda, jadi tidak ada yang hilang. Petugas di meja bantuan juga dapat memberi Anda nomor.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="37" />
        <source>Service temporarily unavailable</source>
        <translation>Layanan sedang tidak tersedia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="38" />
        <source>The kiosk cannot reach the service centre right now and keeps retrying.</source>
        <translation>Anjungan belum dapat terhubung ke pusat layanan dan terus mencoba kembali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="40" />
        <source>The printer is not working</source>
        <translation>Printer tidak berfungsi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="41" />
        <source>Your ticket could not be printed.</source>
        <translation>Tiket Anda tidak dapat dicetak.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="43" />
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="44" />
        <source>This kiosk is closed for today.</source>
        <translation>Anjungan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="46" />
        <source>Something went wrong</source>
        <translation>Terjadi kendala</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="47" />
        <source>Your ticket could not be issued.</source>
        <translation>Tiket Anda tidak dapat diterbitkan.</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="33" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="34" />
        <source>Choose the service you need.</source>
        <translation>Pilih layanan yang Anda perlukan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="46" />
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="48" />
        <source>%1 waiting · about %2 min</source>
        <translation>%1 menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="51" />
        <source>Queue length not known right now</source>
        <translation>Panjang antrean belum diketahui saat ini</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="52" />
        <source>Go to: %1</source>
        <translation>Menuju: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="53" />
        <source>%1 people ahead of you · about %2 minutes</source>
        <translation>%1 orang di depan Anda · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="56" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="58" />
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="59" />
        <source>Please take your printed ticket below the screen.</source>
        <translation>Silakan ambil tiket cetak Anda di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="62" />
        <source>Your queue number (on screen)</source>
        <translation>Nomor antrean Anda (di layar)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="64" />
        <source>The printer could not print your ticket. Take a photo of this screen or note the number; the help desk also has it.</source>
        <translation>Printer tidak dapat mencetak tiket Anda. Foto layar ini atau catat nomornya; meja bantuan juga memilikinya.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="34" />
        <source>Welcome to %1</source>
        <translation>Selamat datang di %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="34" />
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="35" />
        <source>Take a queue number for government services in this hall.</source>
        <translation>Ambil nomor antrean untuk layanan pemerintah di gedung ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="36" />
        <source>Take a queue number</source>
        <translation>Ambil Antrean</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="37" />
        <source>Touch the button to start. Staff at the help desk can assist you.</source>
        <translation>Sentuh tombol untuk memulai. Petugas di meja bantuan siap membantu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="44" />
        <source>This kiosk is closed for today.</source>
        <translation>Anjungan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="46" />
        <source>Connecting to the service centre… please wait a moment.</source>
        <translation>Menghubungkan ke pusat layanan… mohon tunggu sebentar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="48" />
        <source>Service is temporarily unavailable. The kiosk keeps retrying.</source>
        <translation>Layanan sedang tidak tersedia. Anjungan terus mencoba kembali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="50" />
        <source>The ticket printer is out of service. Please ask at the help desk.</source>
        <translation>Printer tiket sedang tidak berfungsi. Silakan bertanya di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="52" />
        <source>The printer is out of paper: your ticket will be shown on screen.</source>
        <translation>Kertas printer habis: tiket Anda akan ditampilkan di layar.</translation>
    </message>
</context>
</TS>