"""Reading spreadsheets into the register: the roster import (花名册导入)."""
