"""Detection: signals → per-key windowed counts → detection versions.

Where to look: a signal is keyed and sent on in ``repartition`` (a child process,
``repartition_process``); which keys records are counted, in what order, is decided in
``admission`` (missing ones read by ``backfill``); it is counted, and time advances, in
``count_stage``; offsets are committed after ``faust_host.FaustHost.checkpoint`` (state,
then outputs, then Faust's commit). The rules themselves are pure: ``engine``,
``detectors``, ``live``, ``watermarks``, ``contiguity``.
"""
