"""Spreadsheets read in: the roster (花名册, roster.py) and the labour-demand sheet (用工需求表,
postings.py), through one pipeline (workbook.py opens and reads, headings.py recognises
the columns, cells.py reads the cells) and then the services that write them."""
