"""BAC and secure messaging against the worked example of ICAO Doc 9303 Part 11, Appendix D.

Every value below is the published one; the code under test computes each of them.
"""

from kiosk.identity.icao.bac import BacKeys, BacTerminal, bac_keys, key_seed
from kiosk.identity.icao.crypto import adjust_parity, retail_mac
from kiosk.identity.icao.sm import Command, SecureChannel
from kiosk.identity.mrz import MrzInfo

H = bytes.fromhex
MRZ = MrzInfo("L898902C", "690806", "940623")
RND_IC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
K_ENC = H("AB94FDECF2674FDFB9B391F85D7F76F2")
K_MAC = H("7962D9ECE03D1ACD4C76089DCE131543")
E_IFD = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
M_IFD = H("5F1448EEA8AD90A7")
E_IC = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F")
M_IC = H("2F2D235D074D7449")
KS_ENC = H("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = H("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226


def test_mrz_information_and_key_seed():
    assert MRZ.key_seed_input() == "L898902C<369080619406236"
    assert key_seed(MRZ) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")


def test_basic_access_keys_have_parity_adjusted():
    keys = bac_keys(MRZ)
    assert keys.k_enc == K_ENC
    assert keys.k_mac == K_MAC
    assert adjust_parity(K_ENC) == K_ENC


def test_terminal_cryptogram_and_mac():
    terminal = BacTerminal(BacKeys(K_ENC, K_MAC), rnd_ifd=RND_IFD, k_ifd=K_IFD)
    assert terminal.external_authenticate_data(RND_IC) == E_IFD + M_IFD
    assert retail_mac(K_MAC, E_IFD) == M_IFD


def test_chip_answer_gives_session_keys_and_ssc():
    terminal = BacTerminal(BacKeys(K_ENC, K_MAC), rnd_ifd=RND_IFD, k_ifd=K_IFD)
    terminal.external_authenticate_data(RND_IC)
    session = terminal.complete(E_IC + M_IC)
    assert session.ks_enc == KS_ENC
    assert session.ks_mac == KS_MAC
    assert session.ssc == SSC


def test_chip_answer_with_bad_mac_is_refused():
    import pytest

    from kiosk.identity.icao.bac import BacError

    terminal = BacTerminal(BacKeys(K_ENC, K_MAC), rnd_ifd=RND_IFD, k_ifd=K_IFD)
    terminal.external_authenticate_data(RND_IC)
    with pytest.raises(BacError):
        terminal.complete(E_IC + bytes(8))


def test_secure_messaging_select_and_read_ef_com():
    from kiosk.identity.icao.bac import SessionKeys

    sm = SecureChannel(SessionKeys(KS_ENC, KS_MAC, SSC))
    # SELECT EF.COM by file id 011E
    assert sm.wrap(Command(0x00, 0xA4, 0x02, 0x0C, H("011E"))) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    assert sm.unwrap(H("990290008E08FA855A5D4C50A8ED")) == (b"", 0x9000)
    # READ BINARY of the first four bytes
    assert sm.wrap(Command(0x00, 0xB0, 0x00, 0x00, le=4)) == H("0CB000000D9701048E08ED6705417E96BA5500")
    assert sm.unwrap(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED")) == (H("60145F01"), 0x9000)
    # READ BINARY of the remaining 18 bytes from offset 4
    assert sm.wrap(Command(0x00, 0xB0, 0x00, 0x04, le=0x12)) == H("0CB000040D9701128E082EA28A70F3C7B53500")
    data, sw = sm.unwrap(H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74"))
    assert sw == 0x9000
    assert data == H("04303130365F36063034303030305C026175")
    assert sm.ssc == 0x887022120C06C22C


def test_tampered_response_mac_is_rejected():
    import pytest

    from kiosk.identity.icao.bac import SessionKeys
    from kiosk.identity.icao.sm import SecureMessagingError

    sm = SecureChannel(SessionKeys(KS_ENC, KS_MAC, SSC))
    sm.wrap(Command(0x00, 0xA4, 0x02, 0x0C, H("011E")))
    with pytest.raises(SecureMessagingError):
        sm.unwrap(H("990290008E08FA855A5D4C50A8EE"))
