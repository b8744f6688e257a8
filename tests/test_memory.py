"""Pausing the garbage collector must not change what gets freed, or leave anything frozen."""

import gc
import weakref

from wegwijzer.core.memory import paused_gc


class _Cyclic:
    pass


def test_cycles_made_while_paused_are_still_collected_and_nothing_stays_frozen():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        made = _Cyclic()
        made.itself = made
        watch = weakref.ref(made)
        del made
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert watch() is not None  # a cycle waits for a collection...
    gc.collect()
    assert watch() is None  # ...and is freed by it


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
