"""Merging laptops on screen: 数据交换, 待处理 and the 修改记录 of each record."""
