"""Collecting the year's figures: ``init``, ``new``, ``template``, ``import`` and ``set``.

Everything here that writes a file goes through :mod:`pledgecli.collect.writer`
(temporary file, then rename), and edits of existing reports keep what a person
wrote in them (tomlkit).
"""
