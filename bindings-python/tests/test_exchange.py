"""`Outbox`, `fetch_trust_list` and `fetch_reference_data` against a real `labourlink serve` process on 127.0.0.1.

Needs the CLI binary (`LABOURLINK_BIN`, set by `.ci/run`); without it the tests are skipped
with that reason. Bounded: a few requests, every wait has a limit.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator

import pytest

import labourlink

BIN = os.environ.get("LABOURLINK_BIN", "")
pytestmark = pytest.mark.skipif(
    not (BIN and pathlib.Path(BIN).exists()),
    reason="LABOURLINK_BIN (the labourlink CLI, to run an inbox) is not set; .ci/run sets it",
)

NB: labourlink.Party = {"region": "330200", "agency": "11330200MB0P21461X"}
LS: labourlink.Party = {"region": "513400", "agency": "11513400MB1H7703X8"}


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture()
def inbox(tmp_path: pathlib.Path) -> Iterator[Dict[str, Any]]:
    now = datetime.now(timezone.utc)
    anchor = labourlink.SigningKey.generate("Ed25519", kid="330200-anchor-py")
    nb = labourlink.SigningKey.generate("Ed25519", kid="330200-hr-py")
    ls = labourlink.SigningKey.generate("Ed25519", kid="513400-hr-py")
    tl = labourlink.TrustList(1, _iso(now + timedelta(days=30)))
    for key, party in ((nb, NB), (ls, LS)):
        tl.add_key(kid=key.kid, region=party["region"], agency=party["agency"], key=key.verifying_key(),
                   valid_from=_iso(now - timedelta(days=1)), message_types=["worker_transfer.*", "receipt"])
    signed = tl.sign(anchor, region="330200", agency="330200-trust-anchor")
    rd = labourlink.ReferenceData.from_body({
        "sequence": 1, "next_update": _iso(now + timedelta(days=30)),
        "regions": {"as_of": "2026-06-30", "source": "TEST list", "added": [{"code": "330299", "name": "TEST"}]}})
    rd_signed = rd.sign(anchor, region="330200", agency="330200-trust-anchor")
    (tmp_path / "rd.jws").write_text(rd_signed)
    anchor_jwk = anchor.verifying_key().to_jwk()
    anchor_jwk["kid"] = anchor.kid
    (tmp_path / "tl.jws").write_text(signed)
    (tmp_path / "anchor.jwk").write_text(__import__("json").dumps(anchor_jwk))
    (tmp_path / "nb.pem").write_text(nb.to_pem())
    store = f"sqlite://{tmp_path / 'nb.db'}"
    labourlink.init_store(store)
    (tmp_path / "node.toml").write_text(
        f'listen = "127.0.0.1:0"\nstore = "{store}"\nregion = "{NB["region"]}"\nagency = "{NB["agency"]}"\n'
        f'[signing_key]\npath = "nb.pem"\nkid = "{nb.kid}"\n[trust_list]\npath = "tl.jws"\nanchor = "anchor.jwk"\n'
        '[reference_data]\npath = "rd.jws"\n'
    )
    proc = subprocess.Popen([BIN, "serve", "--config", "node.toml"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert "http://" in first, first + (proc.stderr.read() if proc.stderr else "")
        base = "http://" + first.split("http://", 1)[1].strip()
        loaded = labourlink.TrustList.load(signed, anchors=[anchor.verifying_key()])
        yield {"base": base, "ls": ls, "tl": loaded, "signed": signed, "anchor": anchor, "dir": tmp_path,
               "rd_signed": rd_signed}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _roster(ls: labourlink.SigningKey) -> str:
    example = labourlink.example("worker_transfer.roster")
    assert example is not None
    body = example["body"]
    doc = labourlink.document("worker_transfer.roster", from_=LS, to=NB, body=body,
                              case={"id": "513400-WT-2026-0900", "type": "worker_transfer.placement"})
    return labourlink.sign(doc, ls)


def test_outbox_delivers_and_keeps_the_verified_receipt(inbox: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    store = f"sqlite://{tmp_path / 'ls.db'}"
    labourlink.init_store(store)
    outbox = labourlink.Outbox(store, inbox["tl"])
    msg = _roster(inbox["ls"])
    entry = outbox.send(msg, to=inbox["base"] + "/v1/messages", wait=20)
    assert entry["state"] == "delivered", entry
    assert entry["http_status"] == 200
    assert '"payload"' in entry["receipt"]
    # The same message again changes nothing; the counts say so.
    again = outbox.send(msg, to=inbox["base"] + "/v1/messages")
    assert again["seq"] == entry["seq"]
    assert outbox.counts()["delivered"] == 1
    # Nobody listening: queued, pending, then dropped by the operator.
    pending = outbox.send(_roster(inbox["ls"]), to="http://127.0.0.1:9/v1/messages")
    assert pending["state"] == "pending" and pending["last_error"]
    assert [e["seq"] for e in outbox.status("pending")] == [pending["seq"]]
    outbox.drop(pending["seq"])
    assert outbox.counts()["dropped"] == 1
    with pytest.raises(labourlink.LabourlinkError) as e:
        outbox.retry(pending["seq"])
    assert e.value.code == "store.not_found"
    # Not delivered where it was sent: the operator gives the inbox's URL now (a URL that can
    # never work is refused first); the next pass delivers it there.
    moved = outbox.send(_roster(inbox["ls"]), to="http://127.0.0.1:9/v1/messages")
    assert moved["state"] == "pending" and moved["endpoint_source"] == "given"
    with pytest.raises(labourlink.LabourlinkError) as e:
        outbox.retry(moved["seq"], to="ftp://127.0.0.1/inbox")
    assert e.value.code == "input.invalid"
    outbox.retry(moved["seq"], to=inbox["base"] + "/v1/messages")
    assert outbox.run_once()["delivered"] == 1
    [entry] = [e for e in outbox.status() if e["seq"] == moved["seq"]]
    assert entry["state"] == "delivered" and entry["endpoint"] == inbox["base"] + "/v1/messages"
    # No URL and none in the trust list: a clear error.
    with pytest.raises(labourlink.LabourlinkError) as e:
        outbox.send(_roster(inbox["ls"]))
    assert "no inbox URL" in str(e.value)


def test_outbox_keeps_a_verified_rejection(inbox: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    store = f"sqlite://{tmp_path / 'rejected.db'}"
    labourlink.init_store(store)
    outbox = labourlink.Outbox(store, inbox["tl"])
    doc = labourlink.document("worker_transfer.roster", from_=LS, to=NB, body={"workers": []},
                              case={"id": "513400-WT-2026-0901", "type": "worker_transfer.placement"})
    entry = outbox.send(labourlink.sign(doc, inbox["ls"]), to=inbox["base"] + "/v1/messages", wait=20)
    # The inbox's signed "rejected" receipt, verified, ends the delivery: nothing to retry.
    assert entry["state"] == "rejected", entry
    assert entry["http_status"] == 422
    assert '"payload"' in entry["receipt"]
    assert outbox.counts()["rejected"] == 1


def test_outbox_checks_receipts_unless_told_otherwise_by_name(inbox: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    store = f"sqlite://{tmp_path / 'unchecked.db'}"
    labourlink.init_store(store)
    with pytest.raises(TypeError, match="dangerous_unchecked_receipts"):
        labourlink.Outbox(store)  # type: ignore[call-overload]  # the overloads refuse it statically too
    with pytest.raises(TypeError):
        labourlink.Outbox(store, inbox["tl"], dangerous_unchecked_receipts=True)
    outbox = labourlink.Outbox(store, None, dangerous_unchecked_receipts=True)
    entry = outbox.send(_roster(inbox["ls"]), to=inbox["base"] + "/v1/messages", wait=20)
    assert entry["state"] == "delivered", entry


def test_fetch_trust_list_conditional_and_recorded(inbox: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    store = f"sqlite://{tmp_path / 'fetch.db'}"
    labourlink.init_store(store)
    url = inbox["base"] + "/v1/trust-list"
    got = labourlink.fetch_trust_list(url, anchors=[inbox["anchor"].verifying_key()], store=store)
    assert got == inbox["signed"].encode()
    assert labourlink.fetch_trust_list(url, anchors=[inbox["anchor"].verifying_key()], store=store) is None
    stranger = labourlink.SigningKey.generate("Ed25519", kid="330200-anchor-py")
    # An anchor rotation: the new anchor pinned first, the list signed by the old one; the store's list
    # (of either pinned anchor) still answers If-None-Match.
    both = [stranger.verifying_key(), inbox["anchor"].verifying_key()]
    assert labourlink.fetch_trust_list(url, anchors=both, store=store) is None
    with pytest.raises(labourlink.LabourlinkError):
        labourlink.fetch_trust_list(url, anchors=[stranger.verifying_key()])
    with pytest.raises(labourlink.LabourlinkError) as e:
        labourlink.fetch_trust_list("http://127.0.0.1:9/v1/trust-list", anchors=[stranger.verifying_key()],
                                    timeout=2)
    assert e.value.code == "exchange.unreachable"


def test_fetch_reference_data_conditional_and_recorded(inbox: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    store = f"sqlite://{tmp_path / 'fetch-rd.db'}"
    labourlink.init_store(store)
    url = inbox["base"] + "/v1/reference-data"
    anchors = [inbox["anchor"].verifying_key()]
    got = labourlink.fetch_reference_data(url, anchors=anchors, store=store)
    assert got is not None and got == inbox["rd_signed"].encode()
    rd = labourlink.ReferenceData.load(got, anchors=anchors)
    assert rd.sequence == 1 and rd.is_current_region("330299")
    # The store has it: If-None-Match, 304, nothing returned.
    assert labourlink.fetch_reference_data(url, anchors=anchors, store=store) is None
    stranger = labourlink.SigningKey.generate("Ed25519", kid="330200-anchor-py")
    with pytest.raises(labourlink.LabourlinkError) as e:
        labourlink.fetch_reference_data(url, anchors=[stranger.verifying_key()])
    assert e.value.code.startswith(("reference_data.", "signature."))
    with pytest.raises(labourlink.LabourlinkError) as e:
        labourlink.fetch_reference_data("http://127.0.0.1:9/v1/reference-data", anchors=anchors, timeout=2)
    assert e.value.code == "exchange.unreachable"


def test_trust_list_endpoint_from_python() -> None:
    key = labourlink.SigningKey.generate("Ed25519", kid="k1")
    tl = labourlink.TrustList(1, "2027-01-01T00:00:00Z")
    tl.add_key(kid="k1", region="513400", agency="LS", key=key.verifying_key(), valid_from="2026-01-01T00:00:00Z",
               message_types=["receipt"], endpoint="https://inbox.example.invalid/v1/messages")
    assert tl.to_body()["keys"][0]["endpoint"] == "https://inbox.example.invalid/v1/messages"
    with pytest.raises(labourlink.TrustListError):
        tl.add_key(kid="k2", region="513400", agency="LS", key=labourlink.SigningKey.generate("Ed25519", kid="k2").verifying_key(),
                   valid_from="2026-01-01T00:00:00Z", message_types=["receipt"], endpoint="https://u:p@x.invalid/")
