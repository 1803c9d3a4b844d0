import pytest
from pydantic import ValidationError

from kiosk.devices.card import CardReaderService, CardReaderSettings, ReaderServiceState


def test_defaults_and_descriptions():
    s = CardReaderSettings()
    assert s.backend == "pcsc"
    for name, field in CardReaderSettings.model_fields.items():
        assert field.description, f"{name} has no docstring"


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"backend": "usb"}, "backend"),
        ({"poll_interval_s": 0}, "poll_interval_s"),
        ({"restart_backoff_initial_s": 9, "restart_backoff_max_s": 1}, "must not exceed"),
        ({"ektp_atr_prefixes_hex": ("3B8Z",)}, "not non-empty hex"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_invalid_settings_have_clear_messages(kwargs, text):
    with pytest.raises(ValidationError) as err:
        CardReaderSettings(**kwargs)
    assert text in str(err.value)


def test_frozen():
    with pytest.raises(ValidationError):
        CardReaderSettings().poll_interval_s = 1.0


def test_backend_none_reports_no_readers_and_starts_no_thread():
    events = []
    svc = CardReaderService(CardReaderSettings(backend="none"), listeners=[events.append])
    svc.start()
    assert events == [ReaderServiceState("no_readers")]
    assert svc.stop()
    assert svc.state == "stopped"
