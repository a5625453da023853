"""anonymity: measure anonymisation on the data (k, l, t, prosecutor risk), find pseudonyms and
quasi-identifiers, and generalise a dataset to a target with evidence.

Modules: ``measure`` (privacy models), ``pseudonyms``, ``suggest`` (quasi-identifiers), ``hierarchies``,
``lattice`` (optimal search), ``plan``, ``anonymize``, ``evidence``, ``check`` (the check command's
library), ``scan_hook`` (the same checks inside ``compliance scan``), ``render``, ``data`` (read/write).
"""
