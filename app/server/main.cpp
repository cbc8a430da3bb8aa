// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-server: the central server the workstations sync with, and its administration.

#include "domain/bundledgisdata.h"
#include "domain/text.h"
#include "domain/translations.h"
#include "intake/alarmapi.h"
#include "intake/hotlinefeed.h"
#include "intake/intakebook.h"
#include "intake/open311api.h"
#include "intake/open311services.h"
#include "server/accounts.h"
#include "server/certificates.h"
#include "server/httpapi.h"
#include "server/serverbook.h"
#include "server/serverconfig.h"
#include "server/upstream.h"
#include "storage/storecopy.h"
#include "storage/workspace.h"
#include "sync/password.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHttpServer>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace GridDesk::ServerMain {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::ServerMain)
};

enum Status { OK = 0, FAILED = 1, USAGE = 2 };

/// How long a client has to finish its TLS handshake.
constexpr int TLS_HANDSHAKE_TIMEOUT_MS = 10'000;

/// How often the server applies the deadline rules to every case.
constexpr int DEADLINE_RULES_INTERVAL_MS = 60'000;

QString usage()
{
    return Tr::tr(
        "Usage:\n"
        "  griddesk-server [--config FILE] [--listen ADDR:PORT] [--cert C --key K]\n"
        "      [--db WORKSPACE|postgresql://…] [--log-level error|warning|info|debug]\n"
        "  griddesk-server add-user --db WORKSPACE USER --role ROLE --unit CODE\n"
        "      [--password-file F]\n"
        "  griddesk-server reset-password --db WORKSPACE USER [--password-file F]\n"
        "  griddesk-server disable-user|enable-user --db WORKSPACE USER\n"
        "  griddesk-server users --db WORKSPACE\n"
        "  griddesk-server load-store --db postgresql://USER@HOST[:PORT]/DATABASE\n"
        "      --from WORKSPACE\n"
        "  griddesk-server add-client --db WORKSPACE NAME --channel open311|alarm --unit CODE\n"
        "      [--jurisdiction ID]\n"
        "  griddesk-server clients|intake --db WORKSPACE\n"
        "  griddesk-server revoke-client --db WORKSPACE NAME\n"
        "  griddesk-server import-hotline --db WORKSPACE FILE… [--profile auto|nyc311|la311]\n"
        "  griddesk-server init-cert --cert C --key K [--host H]… [--days N]\n"
        "  griddesk-server init-ca --cert C --key K --name NAME [--days N]\n"
        "  griddesk-server issue-cert --ca-cert C --ca-key K --cert C --key K --host H…\n"
        "      [--days N]\n"
        "  griddesk-server service-attributes --db WORKSPACE CODE [--file F.json | --clear]\n"
        "\n"
        "The server's store is a GridDesk workspace (a GeoPackage file) with the city's grids,\n"
        "org chart and cases; copy one made with griddesk-cli or the workstation. It listens\n"
        "on loopback (127.0.0.1:8443) unless told otherwise, over HTTPS only.\n"
        "A city that outgrows one machine keeps the store in PostgreSQL with PostGIS: load it\n"
        "once from a workspace with load-store, then start any number of servers with\n"
        "--db postgresql://USER@HOST:PORT/DATABASE (the password from ~/.pgpass, or\n"
        "?passfile=FILE; any libpq setting such as ?sslmode=verify-full may follow).\n"
        "Roles: operator, supervisor, unit_handler, leader; system for a district server\n"
        "that syncs up to this one (upstream = https://HOST:PORT in its configuration).\n"
        "Intake: civic apps file reports through Open311 (/open311/v2/), sensors and video\n"
        "analytics through POST /v1/alarms, each with the key add-client prints once; the\n"
        "hotline's exports are taken in with import-hotline or from hotline_folder.\n");
}

/// The value of --name in arguments (every occurrence for repeatable ones), and the
/// arguments left once they are taken out.
struct Arguments
{
    QStringList rest;
    QHash<QString, QStringList> values;

    QString value(const QString &name) const { return values.value(name).value(0); }
    bool has(const QString &name) const { return values.contains(name); }
};

Result<Arguments> take(const QStringList &arguments, const QStringList &names)
{
    Arguments result;
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString &argument = arguments.at(index);
        const QString name = argument.mid(2);
        if (!argument.startsWith(QLatin1String("--")) || !names.contains(name)) {
            result.rest << argument;
            continue;
        }
        if (index + 1 >= arguments.size()) {
            return fail(ErrorCode::InvalidArgument, Tr::tr("%1 needs a value.").arg(argument));
        }
        result.values[name] << arguments.at(++index);
    }
    return result;
}

int failWith(QTextStream &err, const Error &error)
{
    err << Tr::tr("griddesk-server: %1").arg(printableText(error.message)) << '\n';
    return FAILED;
}

int usageError(QTextStream &err, const QString &message)
{
    err << Tr::tr("griddesk-server: %1").arg(message) << "\n\n" << usage();
    return USAGE;
}

/// The store at path, which must exist: a server never starts on an empty file it made itself,
/// nor on a PostgreSQL store nobody loaded.
Result<std::unique_ptr<Workspace>> openStore(const QString &path)
{
    if (path.isEmpty())
        return fail(ErrorCode::InvalidArgument, Tr::tr("say which store with --db WORKSPACE."));
    if (Workspace::isPostgresAddress(path)) {
        auto store = Workspace::open(path);
        if (!store)
            return store;
        auto grids = (*store)->gridCount();
        if (!grids)
            return std::unexpected(grids.error());
        if (*grids == 0)
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("the store %1 holds no grids yet: load it from a workspace first with "
                       "griddesk-server load-store --db ADDRESS --from WORKSPACE.")
                    .arg((*store)->path()));
        return store;
    }
    if (!QFileInfo(path).isFile()) {
        return fail(ErrorCode::FileNotFound,
            Tr::tr("there is no workspace %1. The server's store is a workspace with the city's "
                   "grids, org chart and cases: make one with griddesk-cli (or copy a "
                   "workstation's) and give its path.")
                .arg(path));
    }
    return Workspace::open(path);
}

int accountCommand(
    const QString &command, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    auto parsed = take(arguments,
        {QStringLiteral("db"), QStringLiteral("role"), QStringLiteral("unit"),
            QStringLiteral("password-file")});
    if (!parsed)
        return usageError(err, parsed.error().message);
    const bool listing = command == QLatin1String("users");
    if (parsed->rest.size() != (listing ? 0 : 1))
        return usageError(err, Tr::tr("%1 takes --db WORKSPACE and one USER.").arg(command));
    auto store = openStore(parsed->value(QStringLiteral("db")));
    if (!store)
        return failWith(err, store.error());
    Accounts accounts(**store);

    if (listing) {
        auto users = accounts.users();
        if (!users)
            return failWith(err, users.error());
        for (const Account &account : *users) {
            out << printableText(QStringLiteral("%1  %2  %3%4")
                                     .arg(account.name, roleKey(account.role), account.unitCode,
                                         account.disabled ? Tr::tr("  (disabled)") : QString()))
                << '\n';
        }
        return OK;
    }

    const QString user = parsed->rest.first();
    if (command == QLatin1String("disable-user") || command == QLatin1String("enable-user")) {
        const bool disable = command == QLatin1String("disable-user");
        if (auto done = accounts.setDisabled(user, disable); !done)
            return failWith(err, done.error());
        out << (disable ? Tr::tr("%1 is disabled; their sessions have ended.").arg(user)
                        : Tr::tr("%1 may log in again.").arg(user))
            << '\n';
        return OK;
    }

    std::optional<Role> role;
    if (command == QLatin1String("add-user")) {
        role = roleFromKey(parsed->value(QStringLiteral("role")));
        if (!role || !parsed->has(QStringLiteral("unit"))) {
            return usageError(
                err, Tr::tr("add-user needs --role (one of %1) and --unit CODE.").arg(roleKeys()));
        }
    }
    auto password = Sync::readPassword(parsed->value(QStringLiteral("password-file")),
        Tr::tr("New password for %1: ").arg(user), err);
    if (!password)
        return failWith(err, password.error());
    if (role) {
        if (auto added =
                accounts.addUser(user, *role, parsed->value(QStringLiteral("unit")), *password);
            !added)
            return failWith(err, added.error());
        out << Tr::tr("Account %1 added: %2 of unit %3.")
                   .arg(user, roleName(*role), parsed->value(QStringLiteral("unit")))
            << '\n';
        return OK;
    }
    if (auto reset = accounts.resetPassword(user, *password); !reset)
        return failWith(err, reset.error());
    out << Tr::tr("The password of %1 is changed; their sessions have ended.").arg(user) << '\n';
    return OK;
}

int certificateCommand(
    const QString &command, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    auto parsed = take(arguments,
        {QStringLiteral("cert"), QStringLiteral("key"), QStringLiteral("host"),
            QStringLiteral("days"), QStringLiteral("name"), QStringLiteral("ca-cert"),
            QStringLiteral("ca-key")});
    if (!parsed)
        return usageError(err, parsed.error().message);
    if (!parsed->rest.isEmpty())
        return usageError(err, Tr::tr("%1 takes no %2.").arg(command, parsed->rest.first()));
    const QString certificate = parsed->value(QStringLiteral("cert"));
    const QString key = parsed->value(QStringLiteral("key"));
    if (certificate.isEmpty() || key.isEmpty())
        return usageError(err, Tr::tr("%1 needs --cert FILE and --key FILE.").arg(command));
    bool daysOk = true;
    const int days = parsed->has(QStringLiteral("days"))
        ? parsed->value(QStringLiteral("days")).toInt(&daysOk)
        : (command == QLatin1String("init-ca") ? 3650 : 365);
    if (!daysOk || days < 1 || days > MAX_CERTIFICATE_DAYS) {
        return usageError(
            err, Tr::tr("--days must be a number from 1 to %1.").arg(MAX_CERTIFICATE_DAYS));
    }
    QStringList hosts = parsed->values.value(QStringLiteral("host"));

    if (command == QLatin1String("init-ca")) {
        if (!parsed->has(QStringLiteral("name")))
            return usageError(err, Tr::tr("init-ca needs --name, such as \"City grid CA\"."));
        if (auto made = writeCertificateAuthority(
                certificate, key, parsed->value(QStringLiteral("name")), days);
            !made)
            return failWith(err, made.error());
        out << Tr::tr("CA certificate %1 and key %2 written. Give the certificate to every "
                      "workstation (sync --ca); keep the key offline.")
                   .arg(certificate, key)
            << '\n';
        return OK;
    }
    if (command == QLatin1String("issue-cert")) {
        if (hosts.isEmpty() || !parsed->has(QStringLiteral("ca-cert"))
            || !parsed->has(QStringLiteral("ca-key"))) {
            return usageError(err, Tr::tr("issue-cert needs --ca-cert, --ca-key and --host."));
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (auto made = writeIssuedCertificate(parsed->value(QStringLiteral("ca-cert")),
                parsed->value(QStringLiteral("ca-key")), certificate, key, hosts,
                now.addSecs(-3600), now.addDays(days));
            !made)
            return failWith(err, made.error());
        out << Tr::tr("Server certificate %1 for %2 written, signed by the CA.")
                   .arg(certificate, hosts.join(QStringLiteral(", ")))
            << '\n';
        return OK;
    }

    if (hosts.isEmpty())
        hosts = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    if (auto made = writeSelfSignedCertificate(certificate, key, hosts, days); !made)
        return failWith(err, made.error());
    err << Tr::tr("*** A SELF-SIGNED CERTIFICATE FOR A TRIAL ONLY ***\n"
                  "%1 is signed by nobody. Workstations trust it only when given this very file "
                  "(sync --ca %1).\nFor a city's servers make a CA with init-ca and issue "
                  "certificates with issue-cert.")
               .arg(certificate)
        << '\n';
    out << Tr::tr("Certificate %1 and key %2 written for %3, valid %4 days.")
               .arg(certificate, key, hosts.join(QStringLiteral(", ")))
               .arg(days)
        << '\n';
    return OK;
}

/// Ends the event loop on SIGINT and SIGTERM, from the loop itself: the handler only writes a
/// byte, which is all a signal handler may safely do.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action
    { };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

Result<QSslConfiguration> tlsConfiguration(const ServerConfig &config)
{
    if (auto checked = checkCertificateAndKey(
            config.certificatePath, config.keyPath, QDateTime::currentDateTimeUtc());
        !checked)
        return std::unexpected(checked.error());
    QFile certificateFile(config.certificatePath);
    QFile keyFile(config.keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The certificate or key cannot be read: %1")
                .arg(certificateFile.isOpen() ? keyFile.errorString()
                                              : certificateFile.errorString()));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromDevice(&certificateFile, QSsl::Pem);
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 or %2 is not a PEM certificate and an unencrypted EC or RSA key.")
                .arg(config.certificatePath, config.keyPath));
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove who they are by token
    return tls;
}

void setLogLevel(const QString &level)
{
    if (!qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        return;
    QString rules = QStringLiteral("griddesk.*.debug=false\n");
    if (level == QLatin1String("debug"))
        rules = QStringLiteral("griddesk.*.debug=true\n");
    if (level == QLatin1String("warning") || level == QLatin1String("error"))
        rules += QStringLiteral("griddesk.*.info=false\n");
    if (level == QLatin1String("error"))
        rules += QStringLiteral("griddesk.*.warning=false\n");
    QLoggingCategory::setFilterRules(rules);
}

int serve(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    auto parsed = take(arguments, {QStringLiteral("config")});
    if (!parsed)
        return usageError(err, parsed.error().message);
    ServerConfig config;
    if (parsed->has(QStringLiteral("config"))) {
        auto read = readServerConfig(parsed->value(QStringLiteral("config")));
        if (!read)
            return failWith(err, read.error());
        config = *read;
    }
    if (auto flags = applyServerFlags(config, parsed->rest); !flags)
        return usageError(err, flags.error().message);
    if (auto checked = checkServerConfig(config); !checked)
        return failWith(err, checked.error());
    setLogLevel(config.logLevel);

    auto tls = tlsConfiguration(config);
    if (!tls)
        return failWith(err, tls.error());
    auto store = openStore(config.database);
    if (!store)
        return failWith(err, store.error());
    Accounts accounts(**store);
    accounts.setSessionLifetime(std::chrono::hours(config.sessionHours));
    auto book = ServerBook::open(**store);
    if (!book)
        return failWith(err, book.error());
    HttpApi api(**store, accounts, **book);
    api.setMaxRequestBytes(config.maxRequestBytes);

    QHttpServer server;
    api.route(server);
    IntakeBook intake(**store, **book);
    intake.setFoldWindow(std::chrono::minutes(config.alarmFoldMinutes));
    AlarmApi alarms(**store, **book, intake, [&api] { api.storeChanged(); });
    alarms.route(server);
    Open311Api open311(**store, **book, intake, [&api] { api.storeChanged(); });
    open311.route(server);
    // Our own TLS listener rather than sslSetup(): Qt 6.4's count of connections still in their
    // handshake does not go down for a peer that vanishes mid-handshake, and at its limit the
    // server stops accepting for good. With no limit to reach, a half-open flood only costs the
    // handshake timeout.
    auto *listener = new QSslServer(&server);
    listener->setSslConfiguration(*tls);
    listener->setHandshakeTimeout(TLS_HANDSHAKE_TIMEOUT_MS);
    listener->setMaxPendingConnections(std::numeric_limits<int>::max());
    const quint16 port =
        listener->listen(config.listenAddress, config.port) ? listener->serverPort() : 0;
    if (port != 0)
        server.bind(listener);
    if (port == 0) {
        return failWith(err,
            Error {ErrorCode::Unavailable,
                Tr::tr("cannot listen on %1: the port is taken, or the address is not this "
                       "machine's.")
                    .arg(listenText(config))});
    }
    ServerConfig bound = config;
    bound.port = port;

    // A district server relays its desks' actions to the city server and takes in the city's
    // changes; the city, the top of the loop, runs the deadline rules for both.
    std::unique_ptr<Sync::Outbox> upstreamOutbox;
    std::unique_ptr<UpstreamSync> upstream;
    if (!config.upstream.isEmpty()) {
        Sync::ClientOptions options;
        options.server = config.upstream;
        options.user = config.upstreamUser;
        auto password = Sync::readPassword(config.upstreamPasswordFile, QString(), err);
        if (!password)
            return failWith(err, password.error());
        options.password = *password;
        if (!config.upstreamCa.isEmpty()) {
            auto trusted = Sync::readCaFile(config.upstreamCa);
            if (!trusted)
                return failWith(err, trusted.error());
            options.caCertificates = *trusted;
        }
        upstreamOutbox = std::make_unique<Sync::Outbox>(**store);
        (*book)->book().setJournal(upstreamOutbox.get());
        (*book)->setCentralServer(config.upstream.toString());
        upstream = std::make_unique<UpstreamSync>(
            config.database, options, std::chrono::seconds(config.upstreamSeconds));
        QObject::connect(upstream.get(), &UpstreamSync::failed, [&err](const QString &message) {
            err << Tr::tr("griddesk-server: syncing up: %1").arg(message) << '\n';
            err.flush();
        });
        upstream->start();
    }

    QTimer deadlines;
    deadlines.setInterval(DEADLINE_RULES_INTERVAL_MS);
    QObject::connect(&deadlines, &QTimer::timeout, [&book, &api, &err] {
        const QDateTime local = QDateTime::currentDateTime();
        auto applied = (*book)->applyDeadlineRules(CaseTime::withOffset(
            local.date(), local.time().addMSecs(-local.time().msec()), local.offsetFromUtc()));
        if (!applied)
            err << Tr::tr("griddesk-server: deadline rules: %1").arg(applied.error().message)
                << '\n';
        else if (*applied > 0)
            api.storeChanged();
    });
    if (!upstream)
        deadlines.start();

    // The hotline's exports dropped in a folder are taken in on a schedule; the import may add
    // units and categories, so the book reads the setup again.
    HotlineFeed hotline(**store, config.hotlineProfile);
    QTimer hotlineTimer;
    hotlineTimer.setInterval(std::chrono::minutes(config.hotlineMinutes));
    const auto takeHotline = [&] {
        auto ran = hotline.runFolder(config.hotlineFolder);
        if (!ran) {
            err << Tr::tr("griddesk-server: hotline folder: %1").arg(ran.error().message) << '\n';
            return;
        }
        bool taken = false;
        for (const HotlineFeed::FileOutcome &file : std::as_const(*ran)) {
            if (!file.error.isEmpty()) {
                intake.countRefusal(IntakeChannel::Hotline, QStringLiteral("unreadable"),
                    file.file + u' ' + file.error, QDateTime::currentDateTimeUtc());
                err << Tr::tr("griddesk-server: hotline file %1 refused: %2")
                           .arg(file.file, file.error)
                    << '\n';
            }
            taken = taken || file.summary;
        }
        if (!taken)
            return;
        if (auto reloaded = (*book)->reload(); !reloaded)
            err << Tr::tr("griddesk-server: %1").arg(reloaded.error().message) << '\n';
        api.storeChanged();
    };
    QObject::connect(&hotlineTimer, &QTimer::timeout, takeHotline);
    if (!config.hotlineFolder.isEmpty()) {
        QTimer::singleShot(0, takeHotline);
        hotlineTimer.start();
    }
    err.flush();
    quitOnSignals();

    out << Tr::tr("griddesk-server: listening on https://%1 with store %2")
               .arg(listenText(bound), config.database)
        << '\n';
    out.flush();
    const int status = QCoreApplication::exec();
    out << Tr::tr("griddesk-server: stopped.") << '\n';
    return status;
}

/// add-client, clients, revoke-client, intake (the refusals counted) and import-hotline.
int intakeCommand(
    const QString &command, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    auto parsed = take(arguments,
        {QStringLiteral("db"), QStringLiteral("channel"), QStringLiteral("unit"),
            QStringLiteral("jurisdiction"), QStringLiteral("profile")});
    if (!parsed)
        return usageError(err, parsed.error().message);
    const bool listing = command == QLatin1String("clients") || command == QLatin1String("intake");
    const bool importing = command == QLatin1String("import-hotline");
    if (listing         ? !parsed->rest.isEmpty()
            : importing ? parsed->rest.isEmpty()
                        : parsed->rest.size() != 1)
        return usageError(err,
            listing         ? Tr::tr("%1 takes --db WORKSPACE only.").arg(command)
                : importing ? Tr::tr("import-hotline takes --db WORKSPACE and one or more files.")
                            : Tr::tr("%1 takes --db WORKSPACE and one client NAME.").arg(command));
    auto store = openStore(parsed->value(QStringLiteral("db")));
    if (!store)
        return failWith(err, store.error());

    if (importing) {
        HotlineFeed feed(**store,
            parsed->values.value(QStringLiteral("profile"), {QStringLiteral("auto")}).first());
        for (const QString &file : std::as_const(parsed->rest)) {
            auto summary = feed.importFile(file);
            if (!summary)
                return failWith(err, summary.error());
            out << Tr::tr(
                "%1: %n case(s) taken in, %2 event(s) written.", nullptr, int(summary->imported))
                       .arg(file)
                       .arg(summary->events)
                << '\n';
            for (const QString &note : std::as_const(summary->notes))
                out << "  " << printableText(note) << '\n';
        }
        return OK;
    }

    auto book = ServerBook::open(**store);
    if (!book)
        return failWith(err, book.error());
    IntakeBook intake(**store, **book);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (command == QLatin1String("clients")) {
        auto clients = intake.clients();
        if (!clients)
            return failWith(err, clients.error());
        for (const IntakeClient &client : std::as_const(*clients)) {
            out << printableText(
                QStringLiteral("%1  %2  %3  %4%5")
                    .arg(client.name, intakeChannelKey(client.channel), client.unitCode,
                        client.jurisdictionId.isEmpty() ? QStringLiteral("-")
                                                        : client.jurisdictionId,
                        client.revokedAt.isValid() ? Tr::tr("  (revoked)") : QString()))
                << '\n';
        }
        return OK;
    }
    if (command == QLatin1String("intake")) {
        auto refusals = intake.refusals();
        if (!refusals)
            return failWith(err, refusals.error());
        if (refusals->isEmpty())
            out << Tr::tr("No intake payload has been refused.") << '\n';
        for (const IntakeRefusalCount &count : std::as_const(*refusals)) {
            out << printableText(Tr::tr("%1  %2  %3 refused, last at %4: %5")
                                     .arg(count.channel, count.reason)
                                     .arg(count.count)
                                     .arg(count.lastAt.toString(Qt::ISODate), count.lastDetail))
                << '\n';
        }
        return OK;
    }
    const QString name = parsed->rest.first();
    if (command == QLatin1String("revoke-client")) {
        if (auto revoked = intake.revokeClient(name, now); !revoked)
            return failWith(err, revoked.error());
        out << Tr::tr("The key of %1 no longer works.").arg(name) << '\n';
        return OK;
    }
    const auto channel = intakeChannelFromKey(parsed->value(QStringLiteral("channel")));
    if (!channel || *channel == IntakeChannel::Hotline || !parsed->has(QStringLiteral("unit")))
        return usageError(
            err, Tr::tr("add-client needs --channel open311 or alarm, and --unit CODE."));
    IntakeClient client;
    client.name = name;
    client.channel = *channel;
    client.unitCode = parsed->value(QStringLiteral("unit"));
    client.jurisdictionId = parsed->value(QStringLiteral("jurisdiction"));
    auto key = intake.addClient(client, now);
    if (!key)
        return failWith(err, key.error());
    err << Tr::tr("The key of %1 follows; it is shown this once. Give it to the client's "
                  "administrator.")
               .arg(name)
        << '\n';
    out << *key << '\n';
    return OK;
}

/// service-attributes: what the Open311 service of a category asks for, set from a JSON file,
/// cleared, or shown.
int serviceCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    auto parsed = take(arguments, {QStringLiteral("db"), QStringLiteral("file")});
    if (!parsed)
        return usageError(err, parsed.error().message);
    const bool clearing = parsed->rest.removeAll(QStringLiteral("--clear")) > 0;
    if (parsed->rest.size() != 1 || (clearing && parsed->has(QStringLiteral("file"))))
        return usageError(err,
            Tr::tr("service-attributes takes --db WORKSPACE, one CODE and --file F.json or "
                   "--clear."));
    const QString code = parsed->rest.first();
    auto store = openStore(parsed->value(QStringLiteral("db")));
    if (!store)
        return failWith(err, store.error());
    auto setup = WorkflowSetup::load(**store);
    if (!setup)
        return failWith(err, setup.error());
    Open311Services services(**store);
    if (clearing) {
        if (auto cleared = services.clear(code); !cleared)
            return failWith(err, cleared.error());
        out << Tr::tr("The Open311 service %1 asks for no attributes now.").arg(code) << '\n';
        return OK;
    }
    if (!parsed->has(QStringLiteral("file"))) {
        auto all = services.all();
        if (!all)
            return failWith(err, all.error());
        out << QString::fromUtf8(Open311::serviceSettingsJson(all->value(code))) << '\n';
        return OK;
    }
    QFile file(parsed->value(QStringLiteral("file")));
    if (!file.open(QIODevice::ReadOnly))
        return failWith(
            err, Error {ErrorCode::UnreadableFile, Tr::tr("cannot read %1.").arg(file.fileName())});
    auto settings = Open311::readServiceSettings(file.read(1024 * 1024));
    if (!settings)
        return failWith(err, settings.error());
    auto set = services.set(code, *settings, setup->categories, QDateTime::currentDateTimeUtc());
    if (!set)
        return failWith(err, set.error());
    out << Tr::tr(
        "The Open311 service %1 asks for %n attributes.", nullptr, int(settings->attributes.size()))
               .arg(code)
        << '\n';
    return OK;
}

/// load-store: a workspace's tables copied into an empty PostgreSQL store.
int loadStore(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    auto parsed = take(arguments, {QStringLiteral("db"), QStringLiteral("from")});
    if (!parsed)
        return usageError(err, parsed.error().message);
    const QString address = parsed->value(QStringLiteral("db"));
    const QString from = parsed->value(QStringLiteral("from"));
    if (!parsed->rest.isEmpty() || address.isEmpty() || from.isEmpty())
        return usageError(err, Tr::tr("load-store takes --db ADDRESS and --from WORKSPACE."));
    if (!Workspace::isPostgresAddress(address))
        return usageError(err,
            Tr::tr("load-store loads a PostgreSQL store: --db postgresql://USER@HOST/DATABASE."));
    if (!QFileInfo(from).isFile())
        return failWith(
            err, Error {ErrorCode::FileNotFound, Tr::tr("there is no workspace %1.").arg(from)});
    auto workspace = Workspace::open(from);
    if (!workspace)
        return failWith(err, workspace.error());
    auto store = Workspace::open(address);
    if (!store)
        return failWith(err, store.error());
    auto copied = copyWorkspaceToStore(**workspace, **store);
    if (!copied)
        return failWith(err, copied.error());
    for (const auto &[table, rows] : copied->rows) {
        if (rows > 0)
            out << Tr::tr("%1: %n rows", nullptr, int(rows)).arg(table) << '\n';
    }
    out << Tr::tr("griddesk-server: loaded %1 into %2.").arg(from, (*store)->path()) << '\n';
    return OK;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = arguments.value(0);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        out << usage();
        return OK;
    }
    const QStringList accountCommands {QStringLiteral("add-user"), QStringLiteral("reset-password"),
        QStringLiteral("disable-user"), QStringLiteral("enable-user"), QStringLiteral("users")};
    if (accountCommands.contains(command))
        return accountCommand(command, arguments.mid(1), out, err);
    const QStringList certificateCommands {
        QStringLiteral("init-cert"), QStringLiteral("init-ca"), QStringLiteral("issue-cert")};
    if (certificateCommands.contains(command))
        return certificateCommand(command, arguments.mid(1), out, err);
    if (command == QLatin1String("load-store"))
        return loadStore(arguments.mid(1), out, err);
    const QStringList intakeCommands {QStringLiteral("add-client"), QStringLiteral("clients"),
        QStringLiteral("revoke-client"), QStringLiteral("intake"),
        QStringLiteral("import-hotline")};
    if (intakeCommands.contains(command))
        return intakeCommand(command, arguments.mid(1), out, err);
    if (command == QLatin1String("service-attributes"))
        return serviceCommand(arguments.mid(1), out, err);
    if (!command.isEmpty() && !command.startsWith(QLatin1String("--")))
        return usageError(err, Tr::tr("unknown command \"%1\".").arg(command));
    return serve(arguments, out, err);
}

} // namespace

} // namespace GridDesk::ServerMain

int main(int argc, char *argv[])
{
    // Administration commands print their results, not the log; serving sets the log level.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
            QStringLiteral("griddesk.*.debug=false\ngriddesk.*.info=false"));
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("griddesk-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("GridDesk"));
    GridDesk::useBundledGisData(QCoreApplication::applicationDirPath());
    GridDesk::installTranslations(GridDesk::interfaceLocale());
    QTextStream out(stdout);
    QTextStream err(stderr);
    return GridDesk::ServerMain::run(QCoreApplication::arguments().mid(1), out, err);
}
