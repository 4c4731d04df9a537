"""The register's benchmark: ``make bench`` (100,000 published systems) and ``make bench-quick``
(10,000).

It seeds a database of its own (``<database>_bench_<count>``, kept between runs, since seeding is
the slowest step), serves the register with gunicorn under production settings, drives each page
with Debian's ``wrk`` from a separate process on loopback and measures what is not a page (the
compliance sweep, the check after an edit, the bulk CSV's memory, the reports) in its own process.
Every figure is taken in one run and printed next to ``/healthz``, the framework's own ceiling on
this machine, because shared machines are noisy: compare ratios, not absolute times. The results
go to ``bench/results/`` as JSON, one file per run, named by commit and size.

    python -m bench [--count N] [--duration SECONDS] [--clients N] [--workers N] [--only NAME]

Modules: ``run`` (the command: database, seed, server, order of the measures), ``targets`` (the
pages measured and who asks for them), ``load`` (wrk and its script), ``measures`` (what is
measured in-process), ``table`` (the printed table and the JSON).
"""
