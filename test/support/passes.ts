// Test helpers for wallet passes: a throwaway Apple signing chain made with node-forge (a "WWDR" CA and a Pass Type ID
// certificate it signed), a .pkpass read back with node's zlib (the zip's central directory walked by hand: the
// format is small and a reader in tests should not trust the writer's library), and the detached PKCS#7 signature
// checked with node's crypto: the signed attributes' message digest is the manifest's, the signature over them
// verifies with the signer's key, and the signer's certificate was issued by the CA.
import { createHash, createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import forge from 'node-forge';
import type { ApplePassConfig } from '../../cloud/services/passes/ports.ts';

export interface TestPassChain {
  config: ApplePassConfig;
  caPem: string;
}

function certificate(
  subject: string,
  keys: forge.pki.rsa.KeyPair,
  issuer: { name: string; key: forge.pki.rsa.PrivateKey } | null,
  ca: boolean,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = ca ? '01' : '02';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer([{ name: 'commonName', value: issuer?.name ?? subject }]);
  cert.setExtensions([{ name: 'basicConstraints', cA: ca }]);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return cert;
}

/** A CA standing in for Apple's WWDR and a pass certificate it issued (RSA 2048: what Apple issues). */
export function makeTestPassChain(passTypeId = 'pass.test.ticketboss'): TestPassChain {
  const caKeys = forge.pki.rsa.generateKeyPair(2048);
  const ca = certificate('Test WWDR', caKeys, null, true);
  const signerKeys = forge.pki.rsa.generateKeyPair(2048);
  const signer = certificate(
    `Pass Type ID: ${passTypeId}`,
    signerKeys,
    { name: 'Test WWDR', key: caKeys.privateKey },
    false,
  );
  const caPem = forge.pki.certificateToPem(ca);
  return {
    caPem,
    config: {
      passTypeId,
      teamId: 'TEAM123456',
      signerCert: forge.pki.certificateToPem(signer),
      signerKey: forge.pki.privateKeyToPem(signerKeys.privateKey),
      wwdr: caPem,
    },
  };
}

/** Every file of a zip by name (stored or deflated entries). */
export function unzip(zip: Uint8Array): Map<string, Buffer> {
  const bytes = Buffer.from(zip);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataAt, dataAt + compressed);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const DIGESTS: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256' };

/**
 * Checks a detached PKCS#7 signature of `content` and returns the signer's certificate: throws unless the digest in
 * the signed attributes is the content's, the signature over those attributes verifies with the signer's public key
 * and the signer's certificate verifies with the CA's key.
 */
export function verifyDetachedSignature(signature: Buffer, content: Buffer, caPem: string): X509Certificate {
  const message = forge.pkcs7.messageFromAsn1(
    forge.asn1.fromDer(signature.toString('binary')),
  ) as forge.pkcs7.PkcsSignedData & {
    rawCapture: { signerInfos: forge.asn1.Asn1[] };
  };
  const signerInfo = message.rawCapture.signerInfos[0]!;
  const parts = signerInfo.value as forge.asn1.Asn1[];
  // SignerInfo: version, issuerAndSerial, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature
  const digestOid = forge.asn1.derToOid((parts[2]!.value as forge.asn1.Asn1[])[0]!.value as string);
  const digest = DIGESTS[digestOid];
  if (!digest) throw new Error(`unknown digest ${digestOid}`);
  const signedAttrs = parts[3]!;
  const attributes = signedAttrs.value as forge.asn1.Asn1[];
  const messageDigest = attributes.find(
    (attr) => forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0]!.value as string) === OID_MESSAGE_DIGEST,
  );
  if (!messageDigest) throw new Error('no message digest attribute');
  const digestValue = ((messageDigest.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value as string;
  if (Buffer.from(digestValue, 'binary').compare(createHash(digest).update(content).digest()) !== 0) {
    throw new Error('the manifest does not match the signed digest');
  }
  // What is signed is the attributes as a SET (tag 0x31), not the [0] IMPLICIT tag they are carried under.
  const asSet = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes);
  const signed = Buffer.from(forge.asn1.toDer(asSet).getBytes(), 'binary');
  const signatureValue = Buffer.from(parts[5]!.value as string, 'binary');
  const certificates = message.certificates.map((cert) => new X509Certificate(forge.pki.certificateToPem(cert)));
  const ca = new X509Certificate(caPem);
  const signer = certificates.find((cert) => !cert.ca && cert.verify(ca.publicKey));
  if (!signer) throw new Error('no signer certificate issued by the CA');
  const verifier = createVerify(digest === 'sha1' ? 'RSA-SHA1' : 'RSA-SHA256');
  verifier.update(signed);
  if (!verifier.verify(createPublicKey(signer.publicKey.export({ format: 'pem', type: 'spki' })), signatureValue)) {
    throw new Error('the signature does not verify');
  }
  return signer;
}
