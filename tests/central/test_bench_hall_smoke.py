"""bench/hall.py still runs: a tiny hall (2 counters, a display per zone, 4 phones, 2 kiosks, 2 s)."""

from bench.hall import hall


def test_tiny_hall_calls_reach_the_display_and_streams_stay_open(tmp_path):
    figures = hall(tmp_path, counters=2, displays=2, phones=4, terminals=2, seconds=2.0)
    assert figures["streams_opened"] == 6 and figures["streams_failed"] == 0, figures["stream_errors"]
    assert figures["tickets_issued"] >= 2 and figures["calls"] >= 1
    assert figures["streams_held_at_end"] == 6
    assert figures["calls_not_seen_by_a_display"] == 0
    assert figures["central_rss_mb"] > 0
