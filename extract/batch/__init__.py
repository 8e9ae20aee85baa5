"""Many files -> one set of tables, robustly. ``runner.run_batch`` is the entry point, ``zv batch``
(``extract.cli.batch_cmd``) its command line; ``runner``'s docstring walks through the flow.

``discover`` picks the files, ``stamp`` answers an unchanged rerun at once, ``cache`` skips
unchanged documents, ``pool``/``worker`` extract the rest in processes with time and memory limits
(forked from a server that ``preload`` has warmed up), ``progress`` reports, and ``extract.export``
writes the tables. Nothing is imported here on purpose: worker processes import
``extract.batch.worker`` and should not pay for pandas and pyarrow; ``zv batch`` imports only
light modules before it knows there is work to do.
"""
