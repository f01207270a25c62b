"""Importing and exporting registers: all or nothing, every bad row named by its file line.

results (what an import reports) · widgets (reading cells) · resources (natural keys) ·
reading (CSV/XLSX with line numbers) · service (import_file, export_data).
"""
