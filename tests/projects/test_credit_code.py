"""The unified social credit code check (GB 32100-2015)."""

import pytest

from econdesk.projects.credit_code import (
    CHARSET,
    check_character,
    credit_code_problem,
    is_valid_credit_code,
)

REAL_CODES = ["91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_it_accepts_real_codes(code):
    assert is_valid_credit_code(code)
    assert check_character(code[:17]) == code[17]


def test_it_accepts_lower_case_and_spaces():
    assert is_valid_credit_code(" 91350100m000100y43 ")


def test_it_maps_a_remainder_of_zero_to_check_character_0():
    # Σ ≡ 0 (mod 31) gives 31 − 0 = 31, which the standard writes as 0.
    assert check_character("0" * 17) == "0"
    assert is_valid_credit_code("0" * 18)


def test_it_excludes_the_letters_i_o_s_v_z():
    assert set("IOSVZ").isdisjoint(CHARSET) and len(CHARSET) == 31


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("91350100M000100Y44", "校验位不符：末位应为3，实为4"),
        ("91110000802100433C", "末位应为B"),
        ("91350100M000100Y4", "应为18位，实为17位"),
        ("91350100M000100Y433", "实为19位"),
        ("91350100M0001O0Y43", "不允许的字符：O"),
        ("9135010OI000100Y43", "I、O"),
        ("", "实为0位"),
    ],
)
def test_it_explains_what_is_wrong_in_chinese(code, words):
    problem = credit_code_problem(code)
    assert problem is not None and words in problem
    assert not is_valid_credit_code(code)


def test_it_catches_a_swap_of_two_characters():
    swapped = "91305100M000100Y43"
    assert not is_valid_credit_code(swapped)
