"""Reference bech32/bech32m and segwit address decoding, written from BIP-173 and BIP-350's own
reference code (sipa's segwit_addr.py), independent of vetdesk. Used by agree_wallets.py."""

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32, BECH32M = 1, 2
BECH32M_CONST = 0x2BC830A3


def polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def verify_checksum(hrp, data):
    const = polymod(hrp_expand(hrp) + data)
    if const == 1:
        return BECH32
    if const == BECH32M_CONST:
        return BECH32M
    return None


def bech32_decode(bech, max_len=90):
    """(hrp, data without checksum, encoding) or (None, None, None). BIP-173 rules; `max_len=None`
    lifts the 90-character limit (Cardano's CIP-5 does)."""
    if any(ord(x) < 33 or ord(x) > 126 for x in bech) or (bech.lower() != bech and bech.upper() != bech):
        return None, None, None
    bech = bech.lower()
    pos = bech.rfind("1")
    if pos < 1 or pos + 7 > len(bech) or (max_len is not None and len(bech) > max_len):
        return None, None, None
    if not all(x in CHARSET for x in bech[pos + 1:]):
        return None, None, None
    hrp = bech[:pos]
    data = [CHARSET.find(x) for x in bech[pos + 1:]]
    spec = verify_checksum(hrp, data)
    if spec is None:
        return None, None, None
    return hrp, data[:-6], spec


def convertbits(data, frombits, tobits, pad=True):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    max_acc = (1 << (frombits + tobits - 1)) - 1
    for value in data:
        if value < 0 or (value >> frombits):
            return None
        acc = ((acc << frombits) | value) & max_acc
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if pad:
        if bits:
            ret.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return ret


def segwit_decode(hrp, addr):
    """(witness version, program) or (None, None), as BIP-350's reference `decode`."""
    hrpgot, data, spec = bech32_decode(addr)
    if hrpgot != hrp or not data:
        return None, None
    decoded = convertbits(data[1:], 5, 8, False)
    if decoded is None or len(decoded) < 2 or len(decoded) > 40:
        return None, None
    if data[0] > 16:
        return None, None
    if data[0] == 0 and len(decoded) != 20 and len(decoded) != 32:
        return None, None
    if (data[0] == 0 and spec != BECH32) or (data[0] != 0 and spec != BECH32M):
        return None, None
    return data[0], decoded


def create_checksum(hrp, data, spec):
    values = hrp_expand(hrp) + data
    const = BECH32M_CONST if spec == BECH32M else 1
    mod = polymod(values + [0, 0, 0, 0, 0, 0]) ^ const
    return [(mod >> 5 * (5 - i)) & 31 for i in range(6)]


def bech32_encode(hrp, data, spec):
    combined = data + create_checksum(hrp, data, spec)
    return hrp + "1" + "".join(CHARSET[d] for d in combined)


def segwit_encode(hrp, witver, witprog):
    spec = BECH32 if witver == 0 else BECH32M
    return bech32_encode(hrp, [witver] + convertbits(witprog, 8, 5), spec)
