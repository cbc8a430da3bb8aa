// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace GridDesk {

/// How griddesk-server runs: where it listens, its TLS certificate and key, its database
/// (a GridDesk workspace), how much it logs, how long sessions last and how large a request
/// may be. A value type.
struct ServerConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8443;
    QString certificatePath; ///< PEM
    QString keyPath; ///< PEM, unencrypted
    QString database; ///< the workspace file
    QString logLevel = QStringLiteral("info"); ///< error, warning, info, debug
    int sessionHours = 12;
    qint64 maxRequestBytes = 8 * 1024 * 1024;

    /// The city server a district server syncs up to (7.5.3.2); empty for a top server. The
    /// account there has the role system and this server's unit; its password is the first
    /// line of upstreamPasswordFile; upstreamCa is the CA to trust besides the system's.
    QUrl upstream;
    QString upstreamUser;
    QString upstreamPasswordFile;
    QString upstreamCa;
    int upstreamSeconds = 10; ///< how often it syncs up

    /// A folder the hotline's work-order exports (CSV, XLSX) are dropped in; empty for none.
    /// Every hotlineMinutes the files new or changed since they were last taken in are
    /// imported with hotlineProfile (auto, nyc311, la311).
    QString hotlineFolder;
    QString hotlineProfile = QStringLiteral("auto");
    int hotlineMinutes = 15;
    /// Alarms of one device and type closer together than this fold into one report.
    int alarmFoldMinutes = 10;
};

/// Bounds checkServerConfig() holds the numbers to.
constexpr int MAX_SESSION_HOURS = 24 * 31;
constexpr qint64 MIN_REQUEST_BYTES = 1024;
constexpr qint64 MAX_REQUEST_BYTES = qint64(1) << 30;

/// Reads a configuration file, UTF-8 text of lines such as
///
///     # a comment
///     [server]
///     listen = 0.0.0.0:8443
///     certificate = server.pem
///     key = server.key
///     database = city.gpkg
///     log_level = info
///     session_hours = 12
///     max_request_bytes = 8M
///     hotline_folder = /srv/hotline/exports
///     hotline_profile = auto
///     hotline_minutes = 15
///     alarm_fold_minutes = 10
///
/// over the defaults of ServerConfig. listen is ADDRESS:PORT with an IPv6 address in brackets
/// ([::]:8443); log_level is error, warning, info or debug; max_request_bytes is bytes, or a
/// number with K, M or G for binary multiples. Blank lines and lines starting with # are
/// skipped; a # after a value is part of it. The [server] section header is optional and the
/// only section there is. Values run to the end of the line, spaces around them trimmed.
/// Relative paths are taken from the file's folder. Refused, naming the file and line, for an
/// unknown key or section, a line that is not key = value, a key given twice, an empty value
/// and a value that is not what its key needs; refused naming the file when it cannot be read
/// or is not UTF-8.
Result<ServerConfig> readServerConfig(const QString &path);

/// Applies command-line flags over config: --listen ADDR:PORT ([::1]:8443 for IPv6),
/// --cert FILE, --key FILE, --db FILE, --log-level LEVEL, each as "--flag value" or
/// "--flag=value". Relative paths are taken from the current folder. arguments holds these
/// flags only (no program name): anything else, a flag without its value, a flag given twice
/// or a bad value is refused naming the flag, and config is then left as it was.
Result<void> applyServerFlags(ServerConfig &config, const QStringList &arguments);

/// Checks that a server can start with config: the certificate and key are given, readable,
/// PEM, belong together and the certificate is valid now; the database is given and is a
/// file the server can read and write; the address, port, log level, session hours and
/// request size make sense. Returns the first problem found.
Result<void> checkServerConfig(const ServerConfig &config);

/// The listen address as --listen and the file's listen key take it: "127.0.0.1:8443",
/// "[::1]:8443".
QString listenText(const ServerConfig &config);

} // namespace GridDesk
