"""Password rules with Chinese messages, configured in settings.AUTH_PASSWORD_VALIDATORS.

Django's own validators (length, similarity to the user's name, common passwords, all digits)
with messages written in Chinese whatever the active language (commands run untranslated),
plus CharacterClassesValidator: at least three of upper case, lower case, digits and symbols.
They apply wherever Django validates a password: the 修改密码 page, the admin, createsuperuser
and changepassword. Accounts written directly (the demo logins) bypass them by design.
"""

from __future__ import annotations

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def __init__(self, min_length: int = 10):
        super().__init__(min_length)

    def get_error_message(self) -> str:
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少 {self.min_length} 个字符。"


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    """Django's similarity check, plus: the password may not contain the user name (or the
    e-mail's name) at all — "Zhangwei2026Zhangwei2026" is only 0.67 similar to "zhangwei2026"
    by Django's measure, yet it is the user name twice."""

    DEFAULT_USER_ATTRIBUTES = ("username", "display_name", "first_name", "last_name", "email")

    def __init__(self, user_attributes=DEFAULT_USER_ATTRIBUTES, max_similarity: float = 0.7):
        super().__init__(user_attributes, max_similarity)

    def validate(self, password, user=None):
        super().validate(password, user)
        if user is None:
            return
        lowered = password.casefold()
        for name in ("username", "email"):
            value = str(getattr(user, name, "") or "").casefold().split("@")[0]
            if len(value) >= 3 and value in lowered:
                field = user._meta.get_field(name)
                raise ValidationError(
                    self.get_error_message(),
                    code="password_too_similar",
                    params={"verbose_name": field.verbose_name},
                )

    def get_error_message(self) -> str:
        return "密码与您的%(verbose_name)s过于相似，请换一个。"

    def get_help_text(self) -> str:
        return "密码不能与用户名、姓名等个人信息相似。"


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    """Django's list of 20,000 common passwords, also under the usual decorations: a capital
    first letter and digits or symbols before or after ("Password123!" is "password")."""

    def validate(self, password, user=None):
        super().validate(password, user)
        lowered = password.lower().strip()
        core = lowered.strip("0123456789!@#$%^&*()_+-=.,;:?~`'\"[]{}<>/\\| ")
        letters = "".join(ch for ch in lowered if ch.isalpha())
        for candidate in {core, letters}:
            if len(candidate) >= 4 and candidate in self.passwords:
                raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self) -> str:
        return "这个密码过于常见，容易被猜中，请换一个。"

    def get_help_text(self) -> str:
        return "不能使用常见密码。"


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "密码不能全是数字。"

    def get_help_text(self) -> str:
        return "密码不能全是数字。"


class RepeatedCharactersValidator:
    """Enough different characters: at least `min_distinct`, and no one character making up
    more than half of the password ("aaaaaaaaaA1" has three classes and eleven characters)."""

    def __init__(self, min_distinct: int = 5):
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        lowered = password.casefold()
        distinct = set(lowered)
        most = max((lowered.count(ch) for ch in distinct), default=0)
        if len(distinct) < self.min_distinct or most * 2 > len(lowered):
            raise ValidationError(self.get_error_message(), code="password_repetitive")

    def get_error_message(self) -> str:
        return f"密码中重复的字符太多：至少要有 {self.min_distinct} 个不同的字符，且任何一个字符不能占一半以上。"

    def get_help_text(self) -> str:
        return "密码不能由少数几个字符重复组成。"


CHARACTER_CLASSES = {
    "upper": "大写字母",
    "lower": "小写字母",
    "digit": "数字",
    "symbol": "符号",
}


def character_classes(password: str) -> set[str]:
    """Which of upper case, lower case, digits and symbols `password` uses.

    Letters without case (Chinese characters) count as symbols: they are not in any
    dictionary attack list built from Latin letters, so they add strength like a symbol does.
    """
    found = set()
    for ch in password:
        if ch.isdigit():
            found.add("digit")
        elif ch.isupper():
            found.add("upper")
        elif ch.islower():
            found.add("lower")
        elif not ch.isspace():
            found.add("symbol")
    return found


class CharacterClassesValidator:
    """At least `min_classes` of upper case, lower case, digits and symbols (default three)."""

    def __init__(self, min_classes: int = 3):
        if not 1 <= min_classes <= len(CHARACTER_CLASSES):
            raise ValueError("min_classes must be between 1 and 4")
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        found = character_classes(password)
        if len(found) >= self.min_classes:
            return
        used = "、".join(label for key, label in CHARACTER_CLASSES.items() if key in found)
        raise ValidationError(
            self.get_error_message(),
            code="password_too_simple",
            params={"min_classes": self.min_classes, "used": used or "无"},
        )

    def get_error_message(self) -> str:
        return (
            "密码太简单：大写字母、小写字母、数字、符号四类中至少要用 %(min_classes)d 类，"
            "当前只用了 %(used)s。"
        )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"
