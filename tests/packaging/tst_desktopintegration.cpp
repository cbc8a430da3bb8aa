// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// The desktop integration the packages install: the .desktop file passes desktop-file-validate
// and offers the workspace type, and with the file type installed (update-mime-database over
// freedesktop.org's types and ours) a workspace is known as a GeoPackage by its name and by its
// content, while another SQLite database stays one.

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace {

const QString GEOPACKAGE = QStringLiteral("application/geopackage+sqlite3");

/// An SQLite database at path, with the application id given (GeoPackage: "GPKG").
void makeDatabase(const QString &path, const QString &applicationId)
{
    const QString connection = QStringLiteral("make-") + path;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA application_id = %1").arg(applicationId)));
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (x INTEGER)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

QString run(const QString &program, const QStringList &arguments, int *status)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60'000)) {
        *status = -1;
        return process.errorString();
    }
    *status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QString::fromLocal8Bit(process.readAll());
}

} // namespace

class TestDesktopIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        // Before the first QMimeDatabase: the types are read from XDG_DATA_DIRS once.
        QVERIFY(QDir(m_data.path()).mkpath(QStringLiteral("mime/packages")));
        QVERIFY(QFile::copy(QStringLiteral(FREEDESKTOP_MIME_XML),
            m_data.filePath(QStringLiteral("mime/packages/freedesktop.org.xml"))));
        QVERIFY(QFile::copy(QStringLiteral(GRIDDESK_MIME_XML),
            m_data.filePath(QStringLiteral("mime/packages/griddesk.xml"))));
        int status = 0;
        const QString out = run(QStringLiteral(UPDATE_MIME_DATABASE),
            {m_data.filePath(QStringLiteral("mime"))}, &status);
        QVERIFY2(status == 0, qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("griddesk")), qPrintable(out));
        qputenv("XDG_DATA_DIRS", QFile::encodeName(m_data.path()));
    }

    void desktopFileIsValid()
    {
        if (QStringLiteral(DESKTOP_FILE_VALIDATE).isEmpty())
            QSKIP("desktop-file-validate is not installed (Debian: desktop-file-utils)");
        int status = 0;
        const QString out =
            run(QStringLiteral(DESKTOP_FILE_VALIDATE), {QStringLiteral(GRIDDESK_DESKTOP)}, &status);
        QVERIFY2(status == 0, qPrintable(out));
        // Hints are advice; errors and warnings are faults.
        QVERIFY2(!out.contains(QLatin1String("error:")), qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("warning:")), qPrintable(out));
    }

    void desktopFileOpensWorkspaces()
    {
        QSettings entry(QStringLiteral(GRIDDESK_DESKTOP), QSettings::IniFormat);
        entry.beginGroup(QStringLiteral("Desktop Entry"));
        QCOMPARE(entry.value(QStringLiteral("Exec")).toString(), QStringLiteral("griddesk %f"));
        QCOMPARE(entry.value(QStringLiteral("Icon")).toString(), QStringLiteral("griddesk"));
        QVERIFY(entry.value(QStringLiteral("MimeType")).toString().contains(GEOPACKAGE));
        QVERIFY(entry.contains(QStringLiteral("Name[zh_CN]")));
        QVERIFY(entry.contains(QStringLiteral("Comment[zh_CN]")));
    }

    void workspaceIsAGeoPackage_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("applicationId");
        QTest::addColumn<QString>("type");
        // 0x47504B47 is "GPKG".
        QTest::newRow("by name") << "city.gpkg"
                                 << "0" << GEOPACKAGE;
        QTest::newRow("by content") << "city-copy"
                                    << "0x47504B47" << GEOPACKAGE;
        QTest::newRow("both") << "nyc.gpkg"
                              << "0x47504B47" << GEOPACKAGE;
        QTest::newRow("other SQLite") << "notes-copy"
                                      << "0" << QStringLiteral("application/vnd.sqlite3");
    }

    void workspaceIsAGeoPackage()
    {
        QFETCH(QString, name);
        QFETCH(QString, applicationId);
        QFETCH(QString, type);
        const QString path = m_files.filePath(name);
        makeDatabase(path, applicationId);

        const QMimeType found = QMimeDatabase().mimeTypeForFile(path);
        QCOMPARE(found.name(), type);
        if (type == GEOPACKAGE)
            QVERIFY(found.inherits(QStringLiteral("application/vnd.sqlite3")));
    }

private:
    QTemporaryDir m_data;
    QTemporaryDir m_files;
};

GRIDDESK_TEST_MAIN(TestDesktopIntegration, QCoreApplication)
#include "tst_desktopintegration.moc"
