import pytest

import labourlink
from labourlink import JsonError, LabourlinkError, canonicalize


def test_sorts_keys_and_keeps_utf8():
    out = canonicalize('{"b":1,"a":[true,null,"\\u00e9"]}')
    assert out == b'{"a":[true,null,"\xc3\xa9"],"b":1}'
    assert isinstance(out, bytes)


def test_bytes_and_str_give_the_same_bytes():
    text = '{"b":1,"a":[true,null,"\\u00e9"]}'
    assert canonicalize(text.encode()) == canonicalize(text)
    assert canonicalize(bytearray(text.encode())) == canonicalize(text)


def test_duplicate_key_is_a_json_error_and_a_value_error():
    with pytest.raises(JsonError) as info:
        canonicalize(b'{"a":1,"a":2}')
    err = info.value
    assert err.code == "json.duplicate_key"
    assert err.path == "/a"
    assert isinstance(err, ValueError)
    assert isinstance(err, LabourlinkError)
    assert err.message
    assert err.message_zh
    assert "json.duplicate_key" in str(err)


def test_invalid_utf8_bytes():
    with pytest.raises(JsonError) as info:
        canonicalize(b'{"a":"\xff"}')
    assert info.value.code == "json.invalid_utf8"


def test_lone_surrogate_in_str_is_invalid_utf8():
    with pytest.raises(JsonError) as info:
        canonicalize('"\ud800"')
    assert info.value.code == "json.invalid_utf8"


def test_wrong_argument_type():
    with pytest.raises(TypeError):
        canonicalize(42)  # type: ignore[arg-type]


def test_errors_pickle_round_trip():
    import pickle

    err = labourlink.errors.KeyResolutionError("key.unknown", "no such key", "没有", "/kid")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is labourlink.errors.KeyResolutionError
    assert (back.code, back.message, back.message_zh, back.path) == (
        "key.unknown",
        "no such key",
        "没有",
        "/kid",
    )
