"""Pure field validators: raw text in, a clean value out, or a FieldError with a Chinese message.

Nothing here touches the database or the screen; the services collect FieldErrors
into a ValidationError keyed by field name, and the forms show each message beside
its field.

Numbers are typed with the digits 0-9, half- or full-width (a Chinese input method
gives full-width ones, folded to 0-9 here). Other characters Python counts as digits
(Arabic-Indic ٣, Devanagari ३, superscript ³, circled ③ ...) are refused with a
message naming the character: int() and float() would quietly accept some of them, and
a number stored that way matches nothing when searched.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from casework import clock


class FieldError(ValueError):
    """One field's problem, worded for the cadre."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(ValueError):
    """Problems with several fields of one record: {field name: Chinese message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("；".join(errors.values()))
        self.errors = dict(errors)


class FieldCollector:
    """Runs validators and gathers their errors, so a form shows every problem at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, field: str, validator, *args, **kwargs):
        try:
            return validator(*args, **kwargs)
        except FieldError as error:
            self.errors.setdefault(field, error.message)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


# Full-width ASCII (！ to ～) and the ideographic space, as a Chinese input method types them.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def halfwidth(text: str | None) -> str:
    """`text` with full-width letters, digits and punctuation made ordinary (Ｘ１２ -> X12).

    Only the full-width forms: unlike NFKC, a superscript or circled digit stays what it
    is, so that `refuse_unusual_digits` can refuse it.
    """
    return (text or "").translate(_FULL_WIDTH)


_halfwidth = halfwidth  # the name other modules used first


def refuse_unusual_digits(text: str, label: str) -> None:
    """FieldError when `text` holds a digit other than 0-9 (٣, ३, ³, ③ ...)."""
    for char in text:
        if char.isdigit() and not ("0" <= char <= "9"):
            name = unicodedata.name(char, "")
            shown = f"“{char}”" + (f"（{name}）" if name else "")
            raise FieldError(f"{label}中的{shown}不是0-9的数字，请用0-9输入")


# Patterns as text, compiled (and cached by re) when first used: compiling each as the
# module loads was part of every start, which checks nothing typed.
_DIGITS = r"[0-9]+"


@dataclass(frozen=True)
class IdNumber:
    """An 18-digit ID number and what it says: the holder's birth date and gender."""

    number: str
    birth_date: dt.date
    gender: str  # "male" / "female"


def _known_province(prefix: str) -> bool:
    from stdnum import numdb

    return any("province" in props for _part, props in numdb.get("cn/loc").info(prefix + "0000"))


def id_number(raw: str, today: dt.date | None = None) -> IdNumber:
    """A resident ID number (GB 11643): 18 characters with a valid check digit and birth date."""
    # stdnum loads late: its util module pulls in ssl and sockets (about 40 ms of start-up).
    from stdnum import exceptions as stdnum_errors
    from stdnum.cn import ric

    text = re.sub(r"[\s\-]", "", halfwidth(raw)).upper()
    if not text:
        raise FieldError("请填写身份证号码")
    refuse_unusual_digits(text, "身份证号码")
    if len(text) == 15 and re.fullmatch(_DIGITS, text):
        raise FieldError("这是15位的旧身份证号码，请填写18位的新号码")
    if len(text) != 18:
        raise FieldError(f"身份证号码应为18位，现在是{len(text)}位")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        raise FieldError("身份证号码前17位只能是数字，最后一位是数字或X")
    try:
        birth = ric.get_birth_date(text)
    except stdnum_errors.ValidationError:
        raise FieldError(f"身份证号码中的出生日期 {text[6:14]} 不存在") from None
    if birth > (today or clock.today()) or birth.year < 1900:
        raise FieldError(f"身份证号码中的出生日期 {birth.isoformat()} 不合理")
    if ric.calc_check_digit(text) != text[17]:
        raise FieldError("身份证号码校验位不对，请逐位核对（常见于抄错一位数字）")
    # Only the province is checked: stdnum's county table dates each code (150521 "from
    # 1999"), but people keep the number they were first issued, so a real number can
    # carry a county code younger than its holder.
    if not _known_province(text[:2]):
        raise FieldError(f"身份证号码前两位 {text[:2]} 不是有效的省级地区代码")
    gender = "male" if int(text[16]) % 2 else "female"
    return IdNumber(text, birth, gender)


def mobile(raw: str, required: bool = False) -> str:
    """An 11-digit mainland mobile number starting 13-19; spaces and dashes are tolerated."""
    text = re.sub(r"[\s\-]", "", halfwidth(raw))
    if text.startswith("+86"):
        text = text[3:]
    if not text:
        if required:
            raise FieldError("请填写手机号码")
        return ""
    refuse_unusual_digits(text, "手机号码")
    if not re.fullmatch(_DIGITS, text):
        raise FieldError("手机号码只能包含数字")
    if len(text) != 11:
        raise FieldError(f"手机号码应为11位，现在是{len(text)}位")
    if not re.fullmatch(r"1[3-9][0-9]{9}", text):
        raise FieldError("手机号码应以13至19开头")
    return text


def phone(raw: str, required: bool = False) -> str:
    """A mobile number, or a landline with its area code (0475-1234567), as households have."""
    text = re.sub(r"[\s\-()（）]", "", halfwidth(raw))
    refuse_unusual_digits(text, "电话号码")
    if text.startswith("0") and re.fullmatch(r"0[0-9]{9,11}", text):
        return f"{text[:4]}-{text[4:]}" if text[1] not in "12" else f"{text[:3]}-{text[3:]}"
    return mobile(raw, required=required)


# Matched with re.ASCII: \d is 0-9 only, never another script's digits.
_DATE_FORMS = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日?",
    r"(\d{4})(\d{2})(\d{2})",
)


def date(
    raw: str | dt.date | None,
    required: bool = False,
    label: str = "日期",
    not_after: dt.date | None = None,
) -> dt.date | None:
    """A date typed as 2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日 or 20261127."""
    if isinstance(raw, dt.date):
        value = raw
    else:
        text = halfwidth(raw or "").strip()
        if not text:
            if required:
                raise FieldError(f"请填写{label}")
            return None
        refuse_unusual_digits(text, label)
        for form in _DATE_FORMS:
            match = re.fullmatch(form, text, re.ASCII)
            if match:
                try:
                    value = dt.date(*(int(g) for g in match.groups()))
                except ValueError:
                    raise FieldError(f"{label}“{text}”不存在") from None
                break
        else:
            raise FieldError(f"{label}格式应为 年-月-日，例如 2026-11-27")
    if isinstance(value, dt.datetime):
        value = value.date()
    if not_after is not None and value > not_after:
        when = "今天" if not_after == clock.today() else ""
        raise FieldError(f"{label}不能晚于{when}{not_after.isoformat()}")
    return value


def next_visit_date(raw: str | dt.date | None, visit_day: dt.date | None) -> dt.date | None:
    """The date to come back, which cannot come before the visit itself."""
    value = date(raw, label="下次走访日期")
    if value is not None and visit_day is not None and value < visit_day:
        raise FieldError("下次走访日期不能早于本次走访日期")
    return value


# Control characters (pasted from other programs) show as boxes on screen and break Word
# files; line breaks and tabs are the user's own.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


def text(raw: str | None, label: str, max_length: int, required: bool = False) -> str:
    """Free text, trimmed, control characters dropped; required fields must not be blank,
    none may exceed its length."""
    value = re.sub(_CONTROL, "", (raw or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if required and not value:
        raise FieldError(f"请填写{label}")
    if len(value) > max_length:
        raise FieldError(f"{label}最多{max_length}个字，现在有{len(value)}个字")
    return value


def person_name(raw: str | None) -> str:
    value = text(raw, "姓名", 30, required=True)
    if re.search(r"\d", value):
        raise FieldError("姓名中不应有数字")
    return value


_DECIMAL = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"


def money(raw: str | int | None, label: str = "金额", maximum: int = 1_000_000) -> int | None:
    """Whole yuan; accepts 6000, 6,000, 6000元, ￥6000 and 0.6万."""
    if isinstance(raw, int):
        value = raw
    else:
        textual = re.sub(r"[\s,，元￥¥]|/月|每月|/?人民币", "", halfwidth(raw or ""))
        if not textual:
            return None
        refuse_unusual_digits(textual, label)
        multiplier = 1
        if textual.endswith("万"):
            textual, multiplier = textual[:-1], 10_000
        # Plain decimals only: float() would also take "1e9", "inf", "nan" and "1_000".
        if not re.fullmatch(_DECIMAL, textual):
            raise FieldError(f"{label}请填写数字，例如 6000")
        try:
            value = round(float(textual) * multiplier)
        except OverflowError:  # hundreds of digits: float() says infinity
            raise FieldError(f"{label}超过{maximum}元，请核对") from None
    if value < 0:
        raise FieldError(f"{label}不能是负数")
    if value > maximum:
        raise FieldError(f"{label}超过{maximum}元，请核对")
    return value


def choice(code: str | None, vocabulary: dict[str, str], label: str, required: bool = False) -> str:
    """A code from a controlled vocabulary; the Chinese label is accepted too."""
    value = (code or "").strip()
    if not value:
        if required:
            raise FieldError(f"请选择{label}")
        return ""
    if value in vocabulary:
        return value
    for key, name in vocabulary.items():
        if name == value:
            return key
    raise FieldError(f"{label}“{value}”不在可选范围内")


def choices(codes, vocabulary: dict[str, str], label: str) -> str:
    """Several codes (a list, or text separated by commas), stored comma-separated."""
    if isinstance(codes, str):
        codes = re.split(r"[,，、\s]+", codes)
    clean = [choice(c, vocabulary, label) for c in codes or [] if c and c.strip()]
    return ",".join(dict.fromkeys(clean))


def credit_code(raw: str | None) -> str | None:
    """A unified social credit code (统一社会信用代码, GB 32100): 18 characters, check digit."""
    from stdnum import exceptions as stdnum_errors
    from stdnum.cn import uscc

    text = re.sub(r"[\s\-]", "", halfwidth(raw or "")).upper()
    if not text:
        return None
    refuse_unusual_digits(text, "统一社会信用代码")
    if len(text) != 18:
        raise FieldError(f"统一社会信用代码应为18位，现在是{len(text)}位")
    try:
        return uscc.validate(text)
    except stdnum_errors.InvalidChecksum:
        raise FieldError("统一社会信用代码校验位不对，请逐位核对") from None
    except stdnum_errors.ValidationError:
        raise FieldError("统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）") from None
