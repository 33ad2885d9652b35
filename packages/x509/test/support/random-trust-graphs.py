"""Random trust graphs for verifyChain's path-building test (python3 + pyca/cryptography).

Usage: python3 random-trust-graphs.py COUNT SEED VALIDATION_TIME_ISO
Prints JSON: [{"leaf", "intermediates", "anchor", "expected"}], where expected says whether a
brute-force search finds a path from the leaf to the anchor over certificates that are valid.
Nodes are CAs (node 0 is the trust anchor, the last node the end entity); every edge a -> b is a
certificate for b's name and key signed by a. About a third of the edges are broken on purpose:
expired, not a CA, no basicConstraints, emailProtection-only EKU, or a name constraint that
excludes the leaf's name.
"""
import datetime, json, os, random, sys, uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

count, seed, at = int(sys.argv[1]), int(sys.argv[2]), datetime.datetime.fromisoformat(sys.argv[3])
random.seed(seed)
not_before, not_after, expired = at - datetime.timedelta(days=1), at + datetime.timedelta(days=366), at - datetime.timedelta(hours=1)
REASONS = ["EXPIRED", "NAME_CONSTRAINTS", "BAD_EKU", "MISSING_BASIC_CONSTRAINTS", "NOT_A_CA"]


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def key_usage(digital_signature, key_cert_sign):
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=False, key_encipherment=False, data_encipherment=False,
                         key_agreement=False, key_cert_sign=key_cert_sign, crl_sign=False, encipher_only=False, decipher_only=False)


cases = []
while len(cases) < count:
    n = random.randint(3, 7)
    keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(n)]
    names = [x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"node{i}"), x509.NameAttribute(NameOID.SERIAL_NUMBER, str(uuid.UUID(int=random.getrandbits(128))))]) for i in range(n)]
    leaf = n - 1
    edges = {(a, b) for a, b in ((random.randrange(0, n - 1), random.randrange(1, n)) for _ in range(random.randint(n - 1, n + 4))) if a != b}
    leaf_edges = sorted(e for e in edges if e[1] == leaf)
    if not leaf_edges:
        continue
    broken = {e: random.choice(REASONS) for e in sorted(edges) if random.random() < 0.3}
    certs = {}
    for a, b in sorted(edges):
        reason, is_leaf = broken.get((a, b)), b == leaf
        builder = (x509.CertificateBuilder().subject_name(names[b]).issuer_name(names[a]).public_key(keys[b].public_key())
                   .serial_number(random.getrandbits(120) | 1 << 120).not_valid_before(not_before)
                   .not_valid_after(expired if reason == "EXPIRED" else not_after)
                   .add_extension(key_usage(is_leaf, not is_leaf), critical=True)
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(keys[b].public_key()), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(keys[a].public_key()), critical=False))
        if reason != "MISSING_BASIC_CONSTRAINTS":
            builder = builder.add_extension(x509.BasicConstraints(ca=not is_leaf and reason != "NOT_A_CA", path_length=None), critical=True)
        if is_leaf or reason == "BAD_EKU":
            usage = ExtendedKeyUsageOID.EMAIL_PROTECTION if reason == "BAD_EKU" else ExtendedKeyUsageOID.SERVER_AUTH
            builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        if is_leaf:
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName("test.localhost")]), critical=False)
        if reason == "NAME_CONSTRAINTS":
            builder = builder.add_extension(x509.NameConstraints(permitted_subtrees=[x509.DNSName("bad.example.com")], excluded_subtrees=None), critical=True)
        certs[(a, b)] = builder.sign(keys[a], hashes.SHA256())
    anchor = (x509.CertificateBuilder().subject_name(names[0]).issuer_name(names[0]).public_key(keys[0].public_key())
              .serial_number(random.getrandbits(120) | 1 << 120).not_valid_before(not_before).not_valid_after(not_after)
              .add_extension(key_usage(False, True), critical=True).add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
              .add_extension(x509.SubjectKeyIdentifier.from_public_key(keys[0].public_key()), critical=False).sign(keys[0], hashes.SHA256()))
    # A missing or FALSE basicConstraints does not hurt an end-entity certificate.
    usable = {e for e in edges if e not in broken or (e[1] == leaf and broken[e] in ("MISSING_BASIC_CONSTRAINTS", "NOT_A_CA"))}

    def reaches_anchor(node, seen):
        return node == 0 or any(reaches_anchor(a, seen | {a}) for a, b in usable if b == node and a not in seen)

    leaf_edge = leaf_edges[0]
    expected = leaf_edge in usable and reaches_anchor(leaf_edge[0], {leaf, leaf_edge[0]})
    cases.append({
        "leaf": pem(certs[leaf_edge]),
        "intermediates": [pem(c) for e, c in sorted(certs.items()) if e[1] != leaf],
        "anchor": pem(anchor),
        "expected": expected,
    })
json.dump(cases, sys.stdout)
