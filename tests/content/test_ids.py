"""Ids in URLs and query strings are bounded: content/ids.py."""

import pytest
from django.urls import resolve, Resolver404

from content.ids import MAX_DIGITS, parse_id


@pytest.mark.parametrize("text, expected", [("1", 1), (" 42 ", 42), ("9" * MAX_DIGITS, int("9" * MAX_DIGITS))])
def test_an_id_of_one_to_eighteen_ascii_digits_is_read(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize("text", ["", None, "9" * 20, "-1", "1.0", "abc", "１２", "٣", "1e3", "0x10"])
def test_anything_else_names_no_id(text):
    assert parse_id(text) is None


def test_a_route_with_an_id_does_not_match_a_twenty_digit_one():
    assert resolve("/evaluations/" + "9" * MAX_DIGITS + "/scorecard/").kwargs == {"pk": int("9" * MAX_DIGITS)}
    with pytest.raises(Resolver404):
        resolve("/evaluations/" + "9" * 20 + "/scorecard/")
