"""The private export leaves the server encrypted under a passphrase the coordinator types.

The format is OpenSSL's (`Salted__`, an 8-byte salt, AES-256-CBC with key and IV from
PBKDF2-HMAC-SHA256), so that any laptop opens it without Solidarity:

    openssl enc -d -aes-256-cbc -pbkdf2 -iter 600000 -md sha256 -in FILE -out export.zip
"""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

ITERATIONS = 600_000
MAGIC = b"Salted__"
MIN_PASSPHRASE = 12


def _key_iv(passphrase: str, salt: bytes) -> tuple[bytes, bytes]:
    derived = PBKDF2HMAC(
        algorithm=hashes.SHA256(), length=48, salt=salt, iterations=ITERATIONS
    ).derive(passphrase.encode("utf-8"))
    return derived[:32], derived[32:]


def seal(data: bytes, passphrase: str) -> bytes:
    salt = secrets.token_bytes(8)
    key, iv = _key_iv(passphrase, salt)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return MAGIC + salt + encryptor.update(padded) + encryptor.finalize()


def unseal(blob: bytes, passphrase: str) -> bytes:
    if not blob.startswith(MAGIC):
        raise ValueError("not an encrypted export")
    salt, body = blob[8:16], blob[16:]
    key, iv = _key_iv(passphrase, salt)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(body) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return unpadder.update(padded) + unpadder.finalize()
