// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace GridDesk {

// Certificates for griddesk-server's HTTPS, made with OpenSSL: an EC P-256 key, a random
// 128-bit serial, SHA-256 signatures, PEM files. Server certificates say CA:FALSE and
// serverAuth; the CA's say CA:TRUE, keyCertSign and cRLSign. Private keys are written unencrypted
// to files that only their owner may read (mode 0600, set before the key is written). No function
// overwrites a file: an existing certificate or key path is refused (Conflict) naming it, and
// nothing is written. Safe to call from any thread.
//
// hosts are what clients will connect to: each becomes a subjectAltName entry, an IP
// address entry for an IPv4 or IPv6 address and a DNS entry otherwise (internationalised
// names in their ASCII form); the first one is also the certificate's common name. Refused
// (InvalidArgument) when hosts is empty or holds something that is neither.

/// The longest validity accepted, in days (twenty years).
constexpr int MAX_CERTIFICATE_DAYS = 7300;

/// Writes a self-signed server certificate for hosts, valid for days from an hour ago (an
/// hour of slack for clocks running behind), and its key. For a test or a single server whose
/// clients are given this certificate to trust; a city with several servers makes a CA. It has
/// no key usage extension, which would keep OpenSSL from taking it as its own issuer.
Result<void> writeSelfSignedCertificate(
    const QString &certificatePath, const QString &keyPath, const QStringList &hosts, int days);

/// Writes a city certificate authority: a self-signed CA certificate named commonName, valid
/// for days from an hour ago, that signs server certificates and nothing below them, and its
/// key. Clients are given the CA certificate to trust.
Result<void> writeCertificateAuthority(
    const QString &certificatePath, const QString &keyPath, const QString &commonName, int days);

/// Writes a server certificate for hosts signed by the CA in caCertificatePath and
/// caKeyPath (as writeCertificateAuthority() makes them), valid from notBefore to notAfter,
/// and its key. Refused when the CA files cannot be read, the key is not the CA certificate's,
/// the certificate is not a CA's, or notAfter is not after notBefore. Any validity period is
/// accepted, so tests can make certificates that have expired or are not valid yet.
Result<void> writeIssuedCertificate(const QString &caCertificatePath, const QString &caKeyPath,
    const QString &certificatePath, const QString &keyPath, const QStringList &hosts,
    const QDateTime &notBefore, const QDateTime &notAfter);

/// Checks a server's certificate and key files as griddesk-server loads them: both PEM, the
/// key the certificate's, the certificate valid at now. Refused (UnreadableFile) naming the
/// file that cannot be read or parsed, (InvalidArgument) when the key does not match or the
/// certificate has expired or is not valid yet at now.
Result<void> checkCertificateAndKey(
    const QString &certificatePath, const QString &keyPath, const QDateTime &now);

} // namespace GridDesk
