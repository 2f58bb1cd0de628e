"""The unified social credit code (统一社会信用代码, GB 32100-2015), checked without Django.

18 characters from 0-9 and the capitals without I, O, S, V, Z. The last one is a check
character: with each character's value c_i (its position in the charset) and the weights
1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, check = 31 − (Σ c_i·w_i mod 31), and 31 → 0.
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18

__all__ = ["CHARSET", "check_character", "credit_code_problem", "is_valid_credit_code", "normalise"]


def normalise(code: str) -> str:
    """Upper-case and strip spaces (people paste codes with both)."""
    return "".join(str(code or "").split()).upper()


def check_character(first17: str) -> str:
    """The check character for the first 17 characters (which must be in the charset)."""
    total = sum(CHARSET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    value = 31 - total % 31
    return CHARSET[0 if value == 31 else value]


def credit_code_problem(code: str) -> str | None:
    """What is wrong with a code, in Chinese; None when it is valid."""
    code = normalise(code)
    if len(code) != LENGTH:
        return f"统一社会信用代码应为18位，实为{len(code)}位。"
    bad = sorted({ch for ch in code if ch not in CHARSET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）。"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位不符：末位应为{expected}，实为{code[17]}。"
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None
