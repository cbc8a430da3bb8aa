// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "certificates.h"

#include "logging.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>
#include <QtEndian>

#include <algorithm>
#include <ctime>
#include <memory>
#include <utility>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

template<auto Free>
struct Freer
{
    template<typename T>
    void operator()(T *object) const
    {
        Free(object);
    }
};

using KeyPtr = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY_free>>;
using CertificatePtr = std::unique_ptr<X509, Freer<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Freer<BIO_free_all>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Freer<X509_EXTENSION_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Freer<BN_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Freer<GENERAL_NAMES_free>>;
using NamePtr = std::unique_ptr<GENERAL_NAME, Freer<GENERAL_NAME_free>>;

/// PEM files GridDesk reads are a certificate or a key: a few kilobytes.
constexpr qint64 MAX_PEM_BYTES = 1024 * 1024;
/// The longest common name X.509 allows.
constexpr qsizetype MAX_COMMON_NAME = 64;
/// Slack for clients whose clocks run behind the machine that made the certificate.
constexpr qint64 CLOCK_SLACK_SECONDS = 3600;

/// A subjectAltName entry: an address's bytes in network order, or a DNS name in ASCII.
struct Host
{
    bool isAddress = false;
    QByteArray value;
    QString text; ///< as the common name shows it
};

/// What OpenSSL's error queue says, emptying it.
QString openSslErrors()
{
    QStringList texts;
    while (const unsigned long code = ERR_get_error()) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        texts << QString::fromLatin1(text);
    }
    return texts.isEmpty() ? Tr::tr("no detail") : texts.join(QStringLiteral("; "));
}

std::unexpected<Error> openSslFailure(const QString &doing)
{
    const QString detail = openSslErrors();
    qCWarning(lcServer) << "OpenSSL:" << doing << "failed:" << detail;
    return fail(ErrorCode::InvalidArgument, Tr::tr("%1 failed (OpenSSL: %2).").arg(doing, detail));
}

/// Keys GridDesk writes are never encrypted; an encrypted one must not make OpenSSL ask for
/// a pass phrase on a terminal the server does not have.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

bool isDnsName(const QByteArray &ace)
{
    if (ace.isEmpty() || ace.size() > 253)
        return false;
    const QList<QByteArray> labels = ace.split('.');
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QByteArray &label = labels.at(i);
        if (i == 0 && label == "*" && labels.size() > 2)
            continue;
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-'))
            return false;
        const bool plain = std::all_of(label.begin(), label.end(),
            [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
        if (!plain)
            return false;
    }
    return true;
}

Result<Host> parseHost(const QString &given)
{
    QString text = given.trimmed();
    if (text.startsWith(u'[') && text.endsWith(u']'))
        text = text.mid(1, text.size() - 2);

    QHostAddress address;
    const bool isAddress = !text.isEmpty() && address.setAddress(text)
        && (address.protocol() == QAbstractSocket::IPv4Protocol
            || address.protocol() == QAbstractSocket::IPv6Protocol);
    if (isAddress && address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = address.toIPv4Address();
        QByteArray bytes(4, Qt::Uninitialized);
        qToBigEndian(v4, bytes.data());
        return Host {true, bytes, address.toString()};
    }
    if (isAddress) {
        const Q_IPV6ADDR v6 = address.toIPv6Address();
        address.setScopeId(QString());
        return Host {
            true, QByteArray(reinterpret_cast<const char *>(v6.c), 16), address.toString()};
    }

    const QByteArray ace = QUrl::toAce(text.toLower());
    if (!isDnsName(ace))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is neither an IP address nor a host name a certificate can hold.")
                .arg(given));
    return Host {false, ace, QString::fromLatin1(ace)};
}

Result<QList<Host>> parseHosts(const QStringList &hosts)
{
    if (hosts.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A server certificate needs at least one host name or address."));
    QList<Host> parsed;
    for (const QString &given : hosts) {
        auto host = parseHost(given);
        if (!host)
            return std::unexpected(host.error());
        parsed << *host;
    }
    if (parsed.first().text.size() > MAX_COMMON_NAME)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The first host, %1, is longer than the %2 characters a certificate's common "
                   "name may have; give a shorter name first.")
                .arg(parsed.first().text)
                .arg(MAX_COMMON_NAME));
    return parsed;
}

Result<void> checkDays(int days)
{
    if (days < 1 || days > MAX_CERTIFICATE_DAYS)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A certificate is valid for 1 to %1 days, not %2.")
                .arg(MAX_CERTIFICATE_DAYS)
                .arg(days));
    return {};
}

/// Refuses paths that exist (a dangling link included), are the same, or lie in no folder.
Result<void> checkTargets(const QString &certificatePath, const QString &keyPath)
{
    for (const QString &path : {certificatePath, keyPath}) {
        if (path.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("A certificate and its key each need a file name."));
        const QFileInfo file(path);
        if (file.exists() || file.isSymLink())
            return fail(ErrorCode::Conflict,
                Tr::tr("%1 exists already; certificates and keys are never overwritten. Move it "
                       "away or choose another file.")
                    .arg(path));
        if (!file.absoluteDir().exists())
            return fail(ErrorCode::FileNotFound,
                Tr::tr("The folder %1 does not exist.").arg(file.absolutePath()));
    }
    if (QFileInfo(certificatePath).absoluteFilePath() == QFileInfo(keyPath).absoluteFilePath())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The certificate and its key need two different files, not %1 for both.")
                .arg(certificatePath));
    return {};
}

Result<KeyPtr> newKey()
{
    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return openSslFailure(Tr::tr("Making an EC P-256 key"));
    return key;
}

Result<BioPtr> readPem(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    if (file.size() > MAX_PEM_BYTES)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is too large to be a PEM certificate or key.").arg(path));
    const QByteArray content = file.readAll();
    // The BIO owns its copy: a memory BIO over content would point into a temporary.
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || BIO_write(bio.get(), content.constData(), int(content.size())) != content.size())
        return openSslFailure(Tr::tr("Reading %1").arg(path));
    return bio;
}

Result<CertificatePtr> readCertificate(const QString &path)
{
    auto bio = readPem(path);
    if (!bio)
        return std::unexpected(bio.error());
    CertificatePtr certificate(PEM_read_bio_X509(bio->get(), nullptr, refusePassphrase, nullptr));
    if (!certificate) {
        const QString detail = openSslErrors();
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is not a PEM certificate (OpenSSL: %2).").arg(path, detail));
    }
    return certificate;
}

Result<KeyPtr> readKey(const QString &path)
{
    auto bio = readPem(path);
    if (!bio)
        return std::unexpected(bio.error());
    KeyPtr key(PEM_read_bio_PrivateKey(bio->get(), nullptr, refusePassphrase, nullptr));
    if (!key) {
        const QString detail = openSslErrors();
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is not an unencrypted PEM private key (OpenSSL: %2).").arg(path, detail));
    }
    return key;
}

QDateTime fromAsn1(const ASN1_TIME *time)
{
    std::tm parts {};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
        QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

Result<void> addExtension(X509 *certificate, X509V3_CTX &context, int nid, const char *value)
{
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1)
        return openSslFailure(
            Tr::tr("Adding the extension %1 = %2")
                .arg(QString::fromLatin1(OBJ_nid2sn(nid)), QString::fromLatin1(value)));
    return {};
}

/// subjectAltName built entry by entry rather than from a "DNS:…,IP:…" text, so no host can
/// smuggle a second entry in through a comma.
Result<void> addAlternativeNames(X509 *certificate, const QList<Host> &hosts)
{
    NamesPtr names(GENERAL_NAMES_new());
    for (const Host &host : hosts) {
        NamePtr name(GENERAL_NAME_new());
        ASN1_STRING *value =
            ASN1_STRING_type_new(host.isAddress ? V_ASN1_OCTET_STRING : V_ASN1_IA5STRING);
        if (!names || !name || !value
            || ASN1_STRING_set(value, host.value.constData(), int(host.value.size())) != 1) {
            ASN1_STRING_free(value);
            return openSslFailure(Tr::tr("Listing the certificate's hosts"));
        }
        GENERAL_NAME_set0_value(name.get(), host.isAddress ? GEN_IPADD : GEN_DNS, value);
        if (sk_GENERAL_NAME_push(names.get(), name.get()) == 0)
            return openSslFailure(Tr::tr("Listing the certificate's hosts"));
        name.release();
    }
    if (X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT)
        != 1)
        return openSslFailure(Tr::tr("Adding the certificate's hosts"));
    return {};
}

/// What a new certificate says about itself; the extensions are added by the caller.
struct Blueprint
{
    QString commonName;
    QDateTime notBefore;
    QDateTime notAfter;
};

/// A version 3 certificate for key with a random serial, named and dated after blueprint and
/// issued by issuer (itself when null), not yet signed.
Result<CertificatePtr> newCertificate(EVP_PKEY *key, const Blueprint &blueprint, X509 *issuer)
{
    CertificatePtr certificate(X509_new());
    BignumPtr serial(BN_new());
    if (!certificate || !serial || X509_set_version(certificate.get(), 2) != 1
        || BN_rand(serial.get(), 128, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return openSslFailure(Tr::tr("Starting a certificate"));

    const bool dated = ASN1_TIME_set(X509_getm_notBefore(certificate.get()),
                           blueprint.notBefore.toSecsSinceEpoch())
        && ASN1_TIME_set(
            X509_getm_notAfter(certificate.get()), blueprint.notAfter.toSecsSinceEpoch());
    if (!dated)
        return openSslFailure(Tr::tr("Dating the certificate"));

    const QByteArray commonName = blueprint.commonName.toUtf8();
    X509_NAME *subject = X509_get_subject_name(certificate.get());
    const bool named = X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                           reinterpret_cast<const unsigned char *>(commonName.constData()),
                           int(commonName.size()), -1, 0)
            == 1
        && X509_set_issuer_name(certificate.get(), issuer ? X509_get_subject_name(issuer) : subject)
            == 1
        && X509_set_pubkey(certificate.get(), key) == 1;
    if (!named)
        return openSslFailure(Tr::tr("Naming the certificate %1").arg(blueprint.commonName));
    return certificate;
}

Result<void> sign(X509 *certificate, EVP_PKEY *signingKey)
{
    if (X509_sign(certificate, signingKey, EVP_sha256()) <= 0)
        return openSslFailure(Tr::tr("Signing the certificate"));
    return {};
}

/// Writes what bio holds to a new file at path with permissions set before anything is
/// written. Refused when the file exists.
Result<void> writeNewFile(const QString &path, BIO *bio, QFileDevice::Permissions permissions)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
        return fail(file.exists() ? ErrorCode::Conflict : ErrorCode::UnreadableFile,
            Tr::tr("%1 could not be created: %2").arg(path, file.errorString()));
    // The umask may have taken bits away at creation; the mode must be exactly this.
    const bool written =
        file.setPermissions(permissions) && file.write(data, size) == size && file.flush();
    file.close();
    if (!written || file.error() != QFileDevice::NoError) {
        const QString reason = file.errorString();
        file.remove();
        return fail(
            ErrorCode::UnreadableFile, Tr::tr("%1 could not be written: %2").arg(path, reason));
    }
    return {};
}

/// Writes key, then certificate; a certificate that cannot be written takes its key with it.
Result<void> writePair(
    const QString &certificatePath, const QString &keyPath, X509 *certificate, EVP_PKEY *key)
{
    // Secure memory when OpenSSL has a secure heap; either way it is wiped when freed.
    BioPtr keyPem(BIO_new(BIO_s_secmem()));
    if (!keyPem
        || PEM_write_bio_PrivateKey(keyPem.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return openSslFailure(Tr::tr("Encoding the key"));
    BioPtr certificatePem(BIO_new(BIO_s_mem()));
    if (!certificatePem || PEM_write_bio_X509(certificatePem.get(), certificate) != 1)
        return openSslFailure(Tr::tr("Encoding the certificate"));

    if (auto written =
            writeNewFile(keyPath, keyPem.get(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        !written)
        return written;
    const auto readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
        | QFileDevice::ReadOther;
    if (auto written = writeNewFile(certificatePath, certificatePem.get(), readable); !written) {
        QFile::remove(keyPath);
        return written;
    }
    return {};
}

Result<void> addServerExtensions(X509 *certificate, X509 *issuer, const QList<Host> &hosts)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer ? issuer : certificate, certificate, nullptr, nullptr, 0);
    X509V3_set_ctx_nodb(&context);
    const std::pair<int, const char *> extensions[] = {
        {NID_basic_constraints, "critical,CA:FALSE"},
        {NID_ext_key_usage, "serverAuth"},
        {NID_subject_key_identifier, "hash"},
    };
    for (const auto &[nid, value] : extensions) {
        if (auto added = addExtension(certificate, context, nid, value); !added)
            return added;
    }
    // A self-signed certificate is its clients' trust anchor, and OpenSSL takes a certificate
    // as its own issuer only when its key usage, if it has one, allows signing certificates;
    // that would need CA:TRUE. So only certificates with an issuer carry a key usage.
    if (issuer) {
        for (const auto &[nid, value] : {std::pair(NID_key_usage, "critical,digitalSignature"),
                 std::pair(NID_authority_key_identifier, "keyid,issuer")}) {
            if (auto added = addExtension(certificate, context, nid, value); !added)
                return added;
        }
    }
    return addAlternativeNames(certificate, hosts);
}

Blueprint lastingDays(const QString &commonName, int days)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return Blueprint {commonName, now.addSecs(-CLOCK_SLACK_SECONDS), now.addDays(days)};
}

} // namespace

Result<void> writeSelfSignedCertificate(
    const QString &certificatePath, const QString &keyPath, const QStringList &hosts, int days)
{
    if (auto valid = checkDays(days); !valid)
        return valid;
    auto parsed = parseHosts(hosts);
    if (!parsed)
        return std::unexpected(parsed.error());
    if (auto free = checkTargets(certificatePath, keyPath); !free)
        return free;

    ERR_clear_error();
    auto key = newKey();
    if (!key)
        return std::unexpected(key.error());
    auto certificate = newCertificate(key->get(), lastingDays(parsed->first().text, days), nullptr);
    if (!certificate)
        return std::unexpected(certificate.error());
    if (auto added = addServerExtensions(certificate->get(), nullptr, *parsed); !added)
        return added;
    if (auto signed_ = sign(certificate->get(), key->get()); !signed_)
        return signed_;
    if (auto written = writePair(certificatePath, keyPath, certificate->get(), key->get());
        !written)
        return written;
    qCInfo(lcServer) << "wrote a self-signed server certificate for" << hosts << "valid for" << days
                     << "days";
    return {};
}

Result<void> writeCertificateAuthority(
    const QString &certificatePath, const QString &keyPath, const QString &commonName, int days)
{
    if (auto valid = checkDays(days); !valid)
        return valid;
    const QString name = commonName.trimmed();
    if (name.isEmpty() || name.size() > MAX_COMMON_NAME)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A certificate authority needs a name of 1 to %1 characters.")
                .arg(MAX_COMMON_NAME));
    if (auto free = checkTargets(certificatePath, keyPath); !free)
        return free;

    ERR_clear_error();
    auto key = newKey();
    if (!key)
        return std::unexpected(key.error());
    auto certificate = newCertificate(key->get(), lastingDays(name, days), nullptr);
    if (!certificate)
        return std::unexpected(certificate.error());

    // pathlen:0: the CA signs servers' certificates, never another CA's.
    X509V3_CTX context;
    X509V3_set_ctx(&context, certificate->get(), certificate->get(), nullptr, nullptr, 0);
    X509V3_set_ctx_nodb(&context);
    const std::pair<int, const char *> extensions[] = {
        {NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
        {NID_key_usage, "critical,keyCertSign,cRLSign"},
        {NID_subject_key_identifier, "hash"},
    };
    for (const auto &[nid, value] : extensions) {
        if (auto added = addExtension(certificate->get(), context, nid, value); !added)
            return added;
    }
    if (auto signed_ = sign(certificate->get(), key->get()); !signed_)
        return signed_;
    if (auto written = writePair(certificatePath, keyPath, certificate->get(), key->get());
        !written)
        return written;
    qCInfo(lcServer) << "wrote a certificate authority valid for" << days << "days";
    return {};
}

Result<void> writeIssuedCertificate(const QString &caCertificatePath, const QString &caKeyPath,
    const QString &certificatePath, const QString &keyPath, const QStringList &hosts,
    const QDateTime &notBefore, const QDateTime &notAfter)
{
    if (!notBefore.isValid() || !notAfter.isValid() || notAfter <= notBefore)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A certificate's validity must end after it begins."));
    auto parsed = parseHosts(hosts);
    if (!parsed)
        return std::unexpected(parsed.error());
    if (auto free = checkTargets(certificatePath, keyPath); !free)
        return free;

    ERR_clear_error();
    auto caCertificate = readCertificate(caCertificatePath);
    if (!caCertificate)
        return std::unexpected(caCertificate.error());
    auto caKey = readKey(caKeyPath);
    if (!caKey)
        return std::unexpected(caKey.error());
    if (X509_check_private_key(caCertificate->get(), caKey->get()) != 1) {
        ERR_clear_error();
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is not the key of the certificate %2.").arg(caKeyPath, caCertificatePath));
    }
    if (X509_check_ca(caCertificate->get()) == 0)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is not a certificate authority's certificate.").arg(caCertificatePath));

    auto key = newKey();
    if (!key)
        return std::unexpected(key.error());
    auto certificate = newCertificate(
        key->get(), Blueprint {parsed->first().text, notBefore, notAfter}, caCertificate->get());
    if (!certificate)
        return std::unexpected(certificate.error());
    if (auto added = addServerExtensions(certificate->get(), caCertificate->get(), *parsed); !added)
        return added;
    if (auto signed_ = sign(certificate->get(), caKey->get()); !signed_)
        return signed_;
    if (auto written = writePair(certificatePath, keyPath, certificate->get(), key->get());
        !written)
        return written;
    qCInfo(lcServer) << "wrote a server certificate for" << hosts << "valid from"
                     << notBefore.toUTC() << "to" << notAfter.toUTC();
    return {};
}

Result<void> checkCertificateAndKey(
    const QString &certificatePath, const QString &keyPath, const QDateTime &now)
{
    ERR_clear_error();
    auto certificate = readCertificate(certificatePath);
    if (!certificate)
        return std::unexpected(certificate.error());
    auto key = readKey(keyPath);
    if (!key)
        return std::unexpected(key.error());
    if (X509_check_private_key(certificate->get(), key->get()) != 1) {
        ERR_clear_error();
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is not the key of the certificate %2.").arg(keyPath, certificatePath));
    }

    const QDateTime notBefore = fromAsn1(X509_get0_notBefore(certificate->get()));
    const QDateTime notAfter = fromAsn1(X509_get0_notAfter(certificate->get()));
    if (!notBefore.isValid() || !notAfter.isValid())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The validity dates of %1 cannot be read.").arg(certificatePath));
    if (now < notBefore)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The certificate %1 is valid only from %2 (UTC).")
                .arg(certificatePath, notBefore.toString(Qt::ISODate)));
    if (now > notAfter)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The certificate %1 expired on %2 (UTC); clients will refuse it.")
                .arg(certificatePath, notAfter.toString(Qt::ISODate)));
    return {};
}

} // namespace GridDesk
