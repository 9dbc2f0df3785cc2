"""导入导出: the spreadsheets that come in (roster, labour demand) and the screen that gathers
imports and exports.
"""
