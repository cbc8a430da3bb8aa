// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "serverconfig.h"

#include "certificates.h"
#include "logging.h"

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <functional>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

/// A configuration file is a screenful of lines; anything larger is not one.
constexpr qint64 MAX_CONFIG_BYTES = 1024 * 1024;

const QStringList &logLevels()
{
    static const QStringList levels {QStringLiteral("error"), QStringLiteral("warning"),
        QStringLiteral("info"), QStringLiteral("debug")};
    return levels;
}

/// A setting, by what the file and the command line call it, and how its value is applied.
struct Setting
{
    QString fileKey;
    QString flag; ///< empty: not on the command line
    std::function<Result<void>(ServerConfig &, const QString &value, const QDir &base)> apply;
};

bool isDigits(const QString &text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

Result<void> applyListen(ServerConfig &config, const QString &text)
{
    QString host;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || text.mid(close + 1, 1) != QLatin1String(":"))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("\"%1\" is not ADDRESS:PORT; an IPv6 address is written [::1]:8443.")
                    .arg(text));
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("\"%1\" is not ADDRESS:PORT, as in 127.0.0.1:8443.").arg(text));
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.contains(u':'))
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("\"%1\": an IPv6 address goes in brackets, as in [::1]:8443.").arg(text));
    }

    QHostAddress address;
    if (host.isEmpty() || !address.setAddress(host) || host.contains(u'%'))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not an IP address to listen on (a name such as localhost is not "
                   "accepted; give 127.0.0.1 or ::1).")
                .arg(host));
    // Port 0 asks for any free port; the server prints the one it got.
    const bool digits = isDigits(port) && port.size() <= 5;
    const uint number = digits ? port.toUInt() : 65536;
    if (number > 65535)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a port: give a number from 1 to 65535 (0: any free port).")
                .arg(port));
    config.listenAddress = address;
    config.port = quint16(number);
    return {};
}

Result<void> applyLogLevel(ServerConfig &config, const QString &text)
{
    const QString level = text.toLower();
    if (!logLevels().contains(level))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a log level; give one of %2.")
                .arg(text, logLevels().join(QStringLiteral(", "))));
    config.logLevel = level;
    return {};
}

Result<void> applySessionHours(ServerConfig &config, const QString &text)
{
    const int hours = isDigits(text) && text.size() <= 4 ? text.toInt() : 0;
    if (hours < 1 || hours > MAX_SESSION_HOURS)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a session length: give whole hours from 1 to %2.")
                .arg(text)
                .arg(MAX_SESSION_HOURS));
    config.sessionHours = hours;
    return {};
}

Result<void> applyRequestBytes(ServerConfig &config, const QString &text)
{
    QString digits = text;
    qint64 unit = 1;
    const QChar last = text.isEmpty() ? QChar() : text.back().toUpper();
    if (last == u'K' || last == u'M' || last == u'G') {
        unit = last == u'K' ? 1024 : last == u'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
        digits.chop(1);
    }
    const qint64 bytes = isDigits(digits) && digits.size() <= 12 ? digits.toLongLong() * unit : 0;
    if (bytes < MIN_REQUEST_BYTES || bytes > MAX_REQUEST_BYTES)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a request size: give bytes from %2 to %3, or a number with K, M "
                   "or G.")
                .arg(text)
                .arg(MIN_REQUEST_BYTES)
                .arg(MAX_REQUEST_BYTES));
    config.maxRequestBytes = bytes;
    return {};
}

Result<void> applyUpstream(ServerConfig &config, const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()
        || !url.path().isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a server to sync up to: give https://HOST:PORT.").arg(text));
    config.upstream = url;
    return {};
}

Result<void> applyUpstreamSeconds(ServerConfig &config, const QString &text)
{
    const int seconds = isDigits(text) && text.size() <= 5 ? text.toInt() : 0;
    if (seconds < 1 || seconds > 3600)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not an interval: give whole seconds from 1 to 3600.").arg(text));
    config.upstreamSeconds = seconds;
    return {};
}

/// A whole number of minutes from 1 to most, or why text is not one.
Result<int> minutesFrom(const QString &text, int most)
{
    const int minutes = isDigits(text) && text.size() <= 5 ? text.toInt() : 0;
    if (minutes < 1 || minutes > most)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not an interval: give whole minutes from 1 to %2.")
                .arg(text)
                .arg(most));
    return minutes;
}

Result<void> applyHotlineProfile(ServerConfig &config, const QString &text)
{
    static const QStringList profiles {
        QStringLiteral("auto"), QStringLiteral("nyc311"), QStringLiteral("la311")};
    if (!profiles.contains(text))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a hotline profile; give one of %2.")
                .arg(text, profiles.join(QStringLiteral(", "))));
    config.hotlineProfile = text;
    return {};
}

QString resolved(const QDir &base, const QString &path)
{
    return QDir::cleanPath(base.absoluteFilePath(path));
}

const QList<Setting> &settings()
{
    using Apply = std::function<Result<void>(ServerConfig &, const QString &)>;
    const auto plain = [](Apply apply) {
        return [apply](ServerConfig &config, const QString &value, const QDir &) {
            return apply(config, value);
        };
    };
    static const QList<Setting> all {
        {QStringLiteral("listen"), QStringLiteral("--listen"), plain(applyListen)},
        {QStringLiteral("certificate"), QStringLiteral("--cert"),
            [](ServerConfig &config, const QString &value, const QDir &base) -> Result<void> {
                config.certificatePath = resolved(base, value);
                return {};
            }},
        {QStringLiteral("key"), QStringLiteral("--key"),
            [](ServerConfig &config, const QString &value, const QDir &base) -> Result<void> {
                config.keyPath = resolved(base, value);
                return {};
            }},
        {QStringLiteral("database"), QStringLiteral("--db"),
            [](ServerConfig &config, const QString &value, const QDir &base) -> Result<void> {
                config.database =
                    Workspace::isPostgresAddress(value) ? value : resolved(base, value);
                return {};
            }},
        {QStringLiteral("log_level"), QStringLiteral("--log-level"), plain(applyLogLevel)},
        {QStringLiteral("session_hours"), QString(), plain(applySessionHours)},
        {QStringLiteral("max_request_bytes"), QString(), plain(applyRequestBytes)},
        {QStringLiteral("upstream"), QStringLiteral("--upstream"), plain(applyUpstream)},
        {QStringLiteral("upstream_user"), QStringLiteral("--upstream-user"),
            [](ServerConfig &config, const QString &value, const QDir &) -> Result<void> {
                config.upstreamUser = value;
                return {};
            }},
        {QStringLiteral("upstream_password_file"), QStringLiteral("--upstream-password-file"),
            [](ServerConfig &config, const QString &value, const QDir &base) -> Result<void> {
                config.upstreamPasswordFile = resolved(base, value);
                return {};
            }},
        {QStringLiteral("upstream_ca"), QStringLiteral("--upstream-ca"),
            [](ServerConfig &config, const QString &value, const QDir &base) -> Result<void> {
                config.upstreamCa = resolved(base, value);
                return {};
            }},
        {QStringLiteral("upstream_seconds"), QString(), plain(applyUpstreamSeconds)},
        {QStringLiteral("hotline_folder"), QStringLiteral("--hotline-folder"),
            [](ServerConfig &config, const QString &value, const QDir &base) -> Result<void> {
                config.hotlineFolder = resolved(base, value);
                return {};
            }},
        {QStringLiteral("hotline_profile"), QString(), plain(applyHotlineProfile)},
        {QStringLiteral("hotline_minutes"), QString(),
            plain([](ServerConfig &config, const QString &value) -> Result<void> {
                auto minutes = minutesFrom(value, 24 * 60);
                if (!minutes)
                    return std::unexpected(minutes.error());
                config.hotlineMinutes = *minutes;
                return {};
            })},
        {QStringLiteral("alarm_fold_minutes"), QString(),
            plain([](ServerConfig &config, const QString &value) -> Result<void> {
                auto minutes = minutesFrom(value, 7 * 24 * 60);
                if (!minutes)
                    return std::unexpected(minutes.error());
                config.alarmFoldMinutes = *minutes;
                return {};
            })},
    };
    return all;
}

const Setting *settingOfKey(const QString &key)
{
    const auto found = std::find_if(settings().begin(), settings().end(),
        [&](const Setting &setting) { return setting.fileKey == key; });
    return found == settings().end() ? nullptr : &*found;
}

const Setting *settingOfFlag(const QString &flag)
{
    const auto found = std::find_if(settings().begin(), settings().end(),
        [&](const Setting &setting) { return !setting.flag.isEmpty() && setting.flag == flag; });
    return found == settings().end() ? nullptr : &*found;
}

QString fileKeys()
{
    QStringList keys;
    for (const Setting &setting : settings())
        keys << setting.fileKey;
    return keys.join(QStringLiteral(", "));
}

QString flagNames()
{
    QStringList flags;
    for (const Setting &setting : settings()) {
        if (!setting.flag.isEmpty())
            flags << setting.flag;
    }
    return flags.join(QStringLiteral(", "));
}

Result<QString> readText(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fail(
            ErrorCode::FileNotFound, Tr::tr("The configuration file %1 does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The configuration file %1 cannot be read: %2").arg(path, file.errorString()));
    if (file.size() > MAX_CONFIG_BYTES)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is too large to be a configuration file.").arg(path));

    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(file.readAll());
    if (decoder.hasError())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The configuration file %1 is not UTF-8 text.").arg(path));
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    return text;
}

/// Applies one line of a configuration file; fails with what is wrong with it, not where.
Result<void> applyLine(ServerConfig &config, const QString &line, const QDir &base,
    QHash<QString, int> &seen, int number)
{
    if (line.startsWith(u'[')) {
        if (line == QLatin1String("[server]"))
            return {};
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("unknown section %1; the only section is [server].").arg(line));
    }
    const qsizetype equals = line.indexOf(u'=');
    const QString key = line.left(equals).trimmed();
    if (equals < 0 || key.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a setting; settings are written key = value.").arg(line));
    const Setting *setting = settingOfKey(key);
    if (!setting)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("unknown key \"%1\"; the keys are %2.").arg(key, fileKeys()));
    if (seen.contains(key))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 is set a second time; it was set on line %2.")
                .arg(key)
                .arg(seen.value(key)));
    const QString value = line.mid(equals + 1).trimmed();
    if (value.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("%1 needs a value.").arg(key));

    seen.insert(key, number);
    return setting->apply(config, value, base);
}

/// Refuses path when it is empty (with missing), absent or unreadable; what names the file
/// in the message.
Result<void> checkReadableFile(const QString &path, const QString &what, const QString &missing)
{
    if (path.isEmpty())
        return fail(ErrorCode::InvalidArgument, missing);
    const QFileInfo file(path);
    //: %1 is a path, %2 says which file it is: "the certificate", "the key", "the database"
    if (!file.exists())
        return fail(ErrorCode::FileNotFound, Tr::tr("%1 (%2) does not exist.").arg(path, what));
    if (!file.isFile() || !file.isReadable())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 (%2) is not a file the server can read.").arg(path, what));
    return {};
}

} // namespace

Result<ServerConfig> readServerConfig(const QString &path)
{
    auto text = readText(path);
    if (!text)
        return std::unexpected(text.error());

    ServerConfig config;
    const QDir base = QFileInfo(path).absoluteDir();
    QHash<QString, int> seen;
    const QStringList lines = text->split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const int number = int(i + 1);
        if (auto applied = applyLine(config, line, base, seen, number); !applied)
            return std::unexpected(applied.error().at(Tr::tr("%1, line %2").arg(path).arg(number)));
    }
    qCDebug(lcServer) << "read the configuration" << path << "with" << seen.size() << "settings";
    return config;
}

Result<void> applyServerFlags(ServerConfig &config, const QStringList &arguments)
{
    ServerConfig updated = config;
    const QDir base = QDir::current();
    QSet<QString> seen;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const qsizetype equals = argument.indexOf(u'=');
        const QString flag = equals < 0 ? argument : argument.left(equals);
        const Setting *setting =
            argument.startsWith(QLatin1String("--")) ? settingOfFlag(flag) : nullptr;
        if (!setting)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("\"%1\" is not a server option; the options are %2.")
                    .arg(argument, flagNames()));
        if (seen.contains(flag))
            return fail(ErrorCode::InvalidArgument, Tr::tr("%1 is given twice.").arg(flag));
        seen.insert(flag);

        QString value;
        if (equals >= 0)
            value = argument.mid(equals + 1);
        else if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1String("--")))
            value = arguments.at(++i);
        if (value.trimmed().isEmpty())
            return fail(ErrorCode::InvalidArgument, Tr::tr("%1 needs a value.").arg(flag));
        if (auto applied = setting->apply(updated, value.trimmed(), base); !applied)
            return std::unexpected(applied.error().at(flag));
    }
    config = updated;
    return {};
}

Result<void> checkServerConfig(const ServerConfig &config)
{
    const bool listens = !config.listenAddress.isNull()
        && (config.listenAddress.protocol() == QAbstractSocket::IPv4Protocol
            || config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol);
    if (!listens)
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("The server needs an IP address to listen on."));
    if (!logLevels().contains(config.logLevel))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not a log level; give one of %2.")
                .arg(config.logLevel, logLevels().join(QStringLiteral(", "))));
    if (config.sessionHours < 1 || config.sessionHours > MAX_SESSION_HOURS)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Sessions last from 1 to %1 hours, not %2.")
                .arg(MAX_SESSION_HOURS)
                .arg(config.sessionHours));
    if (config.maxRequestBytes < MIN_REQUEST_BYTES || config.maxRequestBytes > MAX_REQUEST_BYTES)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("A request may be limited to %1 to %2 bytes, not %3.")
                .arg(MIN_REQUEST_BYTES)
                .arg(MAX_REQUEST_BYTES)
                .arg(config.maxRequestBytes));

    if (auto readable = checkReadableFile(config.certificatePath, Tr::tr("the certificate"),
            Tr::tr("No certificate is given: set certificate in the configuration file or give "
                   "--cert."));
        !readable)
        return readable;
    if (auto readable = checkReadableFile(config.keyPath, Tr::tr("the key"),
            Tr::tr("No key is given: set key in the configuration file or give --key."));
        !readable)
        return readable;
    if (auto paired = checkCertificateAndKey(
            config.certificatePath, config.keyPath, QDateTime::currentDateTimeUtc());
        !paired)
        return paired;
    if (QFileInfo(config.keyPath).permissions() & QFileDevice::ReadOther)
        qCWarning(lcServer) << "the key" << config.keyPath
                            << "can be read by every user of this machine; make it mode 0600";

    if (!config.upstream.isEmpty()) {
        if (config.upstreamUser.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Syncing up to %1 needs the account there: set upstream_user.")
                    .arg(config.upstream.toString()));
        if (auto readable =
                checkReadableFile(config.upstreamPasswordFile, Tr::tr("the upstream password file"),
                    Tr::tr("Syncing up needs the account's password: set upstream_password_file."));
            !readable)
            return readable;
    }

    if (!config.hotlineFolder.isEmpty() && !QFileInfo(config.hotlineFolder).isDir())
        return fail(ErrorCode::FileNotFound,
            Tr::tr("The hotline folder %1 does not exist or is not a folder.")
                .arg(config.hotlineFolder));

    if (Workspace::isPostgresAddress(config.database))
        return {}; // reached, and checked, when the server opens it
    if (auto readable = checkReadableFile(config.database, Tr::tr("the database"),
            Tr::tr("No database is given: set database in the configuration file or give --db."));
        !readable)
        return readable;
    if (!QFileInfo(config.database).isWritable())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The database %1 is read-only; the server needs to write it.")
                .arg(config.database));
    return {};
}

QString listenText(const ServerConfig &config)
{
    const QString address = config.listenAddress.toString();
    if (config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address).arg(config.port);
    return QStringLiteral("%1:%2").arg(address).arg(config.port);
}

} // namespace GridDesk
