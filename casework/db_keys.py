"""Keys of an encrypted database: the recovery key, the password's key slot, the key file.

The database is encrypted by SQLCipher with a random 256-bit *database key* (a raw key,
so opening a connection costs no key derivation). That key is derived from the
**recovery key** (128 random bits shown once, printed for the office safe), so the
recovery key alone opens the file, every backup and every copy of it, with no other
file. The **password** opens it through the *key file* beside the database
(`casework.db.keys`): the database key wrapped (AES key wrap, RFC 3394) under a key
derived from the password with PBKDF2. Changing the password rewrites only the key file;
backups in the same folder tree share it, and a copy carried without it opens with the
recovery key, which can then set a new password. A BitLocker recovery key is the model:
eight groups of six digits, each group a multiple of 11 (a typo shows at once).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

KEY_FILE_SUFFIX = ".keys"
KEY_FILE_FORMAT = "casework-keys"
KEY_FILE_VERSION = 1
KEY_FILE_MAX_BYTES = 64 * 1024
# PBKDF2-HMAC-SHA512 at SQLCipher 4's own default cost (about 0.3 s here). Tests lower
# it through this seam; the product never does. A key file keeps the count it was made
# with, within these bounds (a tampered file must not hang the program).
KDF_ITERATIONS = 256_000
MAX_KDF_ITERATIONS = 5_000_000
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
RECOVERY_GROUPS = 8

_KEY_LABEL = b"casework database key v1"
_CHECK_LABEL = b"casework key check v1"


class KeyProblem(ValueError):
    """Base for key problems; the message is Chinese, for the cadre."""


class WrongPasswordError(KeyProblem):
    """The password does not open the key file."""


class RecoveryKeyFormatError(KeyProblem):
    """The text typed is not a well-formed recovery key."""


class KeyFileError(KeyProblem):
    """The key file is missing, damaged or not one of ours."""


class PasswordRuleError(KeyProblem):
    """A new password that is too short, too long, or does not match its repetition."""


# ------------------------------------------------------------------ recovery key


def new_recovery_key() -> str:
    """A fresh recovery key: 8 groups of 6 digits, each group 11 × a 16-bit number."""
    return format_recovery_key(secrets.token_bytes(2 * RECOVERY_GROUPS))


def format_recovery_key(secret: bytes) -> str:
    groups = [int.from_bytes(secret[i : i + 2], "big") * 11 for i in range(0, len(secret), 2)]
    return "-".join(f"{group:06d}" for group in groups)


def parse_recovery_key(text: str) -> bytes:
    """The 16 secret bytes of a typed recovery key; spaces, hyphens, full-width digits allowed."""
    # NFKC turns full-width digits and the ideographic space into ASCII ones.
    typed = unicodedata.normalize("NFKC", text or "")
    if any(char not in "0123456789 -\t" for char in typed):
        raise RecoveryKeyFormatError(
            "恢复密钥只包含数字（可用空格或“-”分组），请按打印的恢复密钥原样输入"
        )
    digits = "".join(char for char in typed if char in "0123456789")
    if len(digits) != 6 * RECOVERY_GROUPS:
        raise RecoveryKeyFormatError(
            f"恢复密钥应为 {6 * RECOVERY_GROUPS} 位数字（{RECOVERY_GROUPS} 组，每组 6 位），"
            f"现在是 {len(digits)} 位"
        )
    secret = b""
    for index in range(RECOVERY_GROUPS):
        group = int(digits[6 * index : 6 * index + 6])
        if group % 11 or group // 11 > 0xFFFF:
            raise RecoveryKeyFormatError(f"恢复密钥第 {index + 1} 组（{group:06d}）有误，请核对")
        secret += (group // 11).to_bytes(2, "big")
    return secret


def database_key_from_recovery(recovery_key: str) -> bytes:
    """The database key a recovery key stands for."""
    return hmac.new(parse_recovery_key(recovery_key), _KEY_LABEL, hashlib.sha256).digest()


def sqlcipher_key(database_key: bytes) -> str:
    """The value for SQLCipher's `PRAGMA key`: a raw key, so no key derivation per connection."""
    return f"x'{database_key.hex()}'"


# ------------------------------------------------------------------ password


def check_new_password(password: str, repeated: str | None = None) -> str:
    """A new password as typed, or PasswordRuleError in Chinese."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRuleError(f"密码至少要 {MIN_PASSWORD_LENGTH} 位")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordRuleError(f"密码不能超过 {MAX_PASSWORD_LENGTH} 位")
    if repeated is not None and repeated != password:
        raise PasswordRuleError("两次输入的密码不一致")
    return password


def _kek(password: str, salt: bytes, iterations: int) -> bytes:
    # NFC so a password typed by another input method on another laptop still matches.
    data = unicodedata.normalize("NFC", password).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha512", data, salt, iterations, dklen=32)


# ------------------------------------------------------------------ the key file


def key_file_path(db_path: str | os.PathLike[str]) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + KEY_FILE_SUFFIX)


@dataclass(frozen=True)
class KeyFile:
    """The key file's content: a check of the database key, and the password's slot."""

    key_check: str
    salt: bytes
    iterations: int
    wrapped: bytes

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": KEY_FILE_FORMAT,
                "version": KEY_FILE_VERSION,
                "key_check": self.key_check,
                "password": {
                    "kdf": "pbkdf2-sha512",
                    "iterations": self.iterations,
                    "salt": base64.b64encode(self.salt).decode(),
                    "wrapped_key": base64.b64encode(self.wrapped).decode(),
                },
            },
            indent=2,
        )


def key_check(database_key: bytes) -> str:
    """A short public fingerprint of a database key: tells whether a key file fits a key."""
    return hmac.new(database_key, _CHECK_LABEL, hashlib.sha256).hexdigest()[:16]


def make_key_file(database_key: bytes, password: str) -> KeyFile:
    from cryptography.hazmat.primitives.keywrap import aes_key_wrap

    salt = secrets.token_bytes(16)
    wrapped = aes_key_wrap(_kek(password, salt, KDF_ITERATIONS), database_key)
    return KeyFile(key_check(database_key), salt, KDF_ITERATIONS, wrapped)


def write_key_file(db_path: str | os.PathLike[str], key_file: KeyFile) -> Path:
    """Write the key file beside `db_path` atomically (temp file, fsync, rename)."""
    target = key_file_path(db_path)
    temp = target.with_name(target.name + ".tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(key_file.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)
    return target


def read_key_file(path: str | os.PathLike[str]) -> KeyFile:
    """Parse a key file; anything unexpected is a KeyFileError, never a traceback."""
    path = Path(path)
    try:
        if path.stat().st_size > KEY_FILE_MAX_BYTES:
            raise KeyFileError(f"密钥文件 {path} 过大，不是工作台的密钥文件")
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != KEY_FILE_FORMAT:
            raise KeyFileError(f"文件 {path} 不是工作台的密钥文件")
        if data.get("version") != KEY_FILE_VERSION:
            raise KeyFileError(f"密钥文件 {path} 的版本不受支持，请升级劳务协作工作台")
        slot = data["password"]
        iterations = int(slot["iterations"])
        if slot.get("kdf") != "pbkdf2-sha512" or not 1 <= iterations <= MAX_KDF_ITERATIONS:
            raise KeyFileError(f"密钥文件 {path} 的参数不正确，文件可能被改动过")
        key_file = KeyFile(
            key_check=str(data["key_check"]),
            salt=base64.b64decode(slot["salt"], validate=True),
            iterations=iterations,
            wrapped=base64.b64decode(slot["wrapped_key"], validate=True),
        )
    except FileNotFoundError:
        raise KeyFileError(f"找不到密钥文件 {path}") from None
    except KeyFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeyFileError(f"密钥文件 {path} 已损坏（{type(error).__name__}）") from None
    if len(key_file.wrapped) != 40 or len(key_file.salt) < 8:
        raise KeyFileError(f"密钥文件 {path} 已损坏")
    return key_file


def unlock(key_file: KeyFile, password: str) -> bytes:
    """The database key the password opens, or WrongPasswordError."""
    from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap

    try:
        database_key = aes_key_unwrap(
            _kek(password, key_file.salt, key_file.iterations), key_file.wrapped
        )
    except (InvalidUnwrap, ValueError):
        raise WrongPasswordError("密码不正确") from None
    if not hmac.compare_digest(key_check(database_key), key_file.key_check):
        raise KeyFileError("密钥文件已损坏：其中的校验值不符")
    return database_key
