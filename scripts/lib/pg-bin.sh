#!/usr/bin/env bash
# Prints the folder holding PostgreSQL's server tools (initdb, pg_ctl), newest version first.
for d in /usr/lib/postgresql/*/bin; do [[ -x $d/initdb ]] && echo "$d"; done | sort -V | tail -n 1
