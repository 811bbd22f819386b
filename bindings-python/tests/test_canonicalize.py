import pytest

import labourlink
from labourlink import JsonError, LabourlinkError, canonicalize


def test_sorts_keys_and_keeps_utf8() -> None:
    out = canonicalize('{"b":1,"a":[true,null,"\\u00e9"]}')
    assert out == b'{"a":[true,null,"\xc3\xa9"],"b":1}'
    assert isinstance(out, bytes)


def test_bytes_and_str_give_the_same_bytes() -> None:
    text = '{"b":1,"a":[true,null,"\\u00e9"]}'
    assert canonicalize(text.encode()) == canonicalize(text)
    assert canonicalize(bytearray(text.encode())) == canonicalize(text)


def test_duplicate_key_is_a_json_error_and_a_value_error() -> None:
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


def test_invalid_utf8_bytes() -> None:
    with pytest.raises(JsonError) as info:
        canonicalize(b'{"a":"\xff"}')
    assert info.value.code == "json.invalid_utf8"


def test_lone_surrogate_in_str_is_invalid_utf8() -> None:
    with pytest.raises(JsonError) as info:
        canonicalize('"\ud800"')
    assert info.value.code == "json.invalid_utf8"


def test_python_values_are_converted_in_rust() -> None:
    assert canonicalize(42) == b"42"
    assert canonicalize({"b": [1.0, 2e-7, "\u00e9"], "a": -0.0, "c": (True, None)}) == (
        '{"a":0,"b":[1,2e-7,"é"],"c":[true,null]}'.encode()
    )
    assert canonicalize({"big": 2**70}) == b'{"big":1.1805916207174113e+21}'
    assert canonicalize({"\U0001F602": 1, "\uFB33": 2, "z": 3}) == (
        '{"z":3,"\U0001F602":1,"\uFB33":2}'.encode()
    )


def test_python_values_without_json_form() -> None:
    with pytest.raises(TypeError):
        canonicalize(object())
    with pytest.raises(TypeError):
        canonicalize({1: 2})
    with pytest.raises(JsonError) as info:
        canonicalize({"a": [float("inf")]})
    assert (info.value.code, info.value.path) == ("json.number_out_of_range", "/a/0")
    with pytest.raises(JsonError) as info:
        canonicalize({"a": 10**400})
    assert info.value.code == "json.number_out_of_range"
    with pytest.raises(JsonError) as info:
        canonicalize(["\ud800"])
    assert (info.value.code, info.value.path) == ("json.lone_surrogate", "/0")


def test_errors_pickle_round_trip() -> None:
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
