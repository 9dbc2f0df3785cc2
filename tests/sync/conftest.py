import pytest

from casework.db import close_database
from tests.sync.laptops import Laptops


@pytest.fixture
def laptops(tmp_path, today):
    made = Laptops(tmp_path)
    yield made
    close_database()
