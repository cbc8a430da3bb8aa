// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/bundledgisdata.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

const QList<const char *> VARIABLES {"PROJ_DATA", "PROJ_LIB", "GDAL_DATA", "GDAL_DRIVER_PATH"};

/// A bundle's prefix with bin/ and the given folders (and proj.db when share/proj is one).
void makeBundle(const QDir &prefix, const QStringList &folders)
{
    QVERIFY(prefix.mkpath(QStringLiteral("bin")));
    for (const QString &folder : folders)
        QVERIFY(prefix.mkpath(folder));
    if (folders.contains(QStringLiteral("share/proj"))) {
        QFile db(prefix.filePath(QStringLiteral("share/proj/proj.db")));
        QVERIFY(db.open(QIODevice::WriteOnly));
    }
}

} // namespace

class TestBundledGisData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_saved.clear();
        for (const char *name : VARIABLES) {
            if (qEnvironmentVariableIsSet(name))
                m_saved.insert(name, qgetenv(name));
            qunsetenv(name);
        }
    }

    void cleanup()
    {
        for (const char *name : VARIABLES) {
            qunsetenv(name);
            if (m_saved.contains(name))
                qputenv(name, m_saved.value(name));
        }
    }

    void setsEveryFolderTheBundleHas()
    {
        QTemporaryDir dir;
        const QDir prefix(dir.path());
        makeBundle(prefix, {"share/proj", "share/gdal", "lib/gdalplugins"});

        const QStringList made = useBundledGisData(prefix.filePath(QStringLiteral("bin")));

        QCOMPARE(made.size(), 4);
        QCOMPARE(qEnvironmentVariable("PROJ_DATA"), prefix.filePath(QStringLiteral("share/proj")));
        QCOMPARE(qEnvironmentVariable("PROJ_LIB"), prefix.filePath(QStringLiteral("share/proj")));
        QCOMPARE(qEnvironmentVariable("GDAL_DATA"), prefix.filePath(QStringLiteral("share/gdal")));
        QCOMPARE(qEnvironmentVariable("GDAL_DRIVER_PATH"),
            prefix.filePath(QStringLiteral("lib/gdalplugins")));
    }

    void leavesWhatTheUserSet()
    {
        QTemporaryDir dir;
        const QDir prefix(dir.path());
        makeBundle(prefix, {"share/proj", "share/gdal", "lib/gdalplugins"});
        qputenv("GDAL_DATA", "/opt/my-gdal-data");
        qputenv("PROJ_DATA", "/opt/my-proj");

        const QStringList made = useBundledGisData(prefix.filePath(QStringLiteral("bin")));

        QCOMPARE(qgetenv("GDAL_DATA"), QByteArray("/opt/my-gdal-data"));
        QCOMPARE(qgetenv("PROJ_DATA"), QByteArray("/opt/my-proj"));
        QCOMPARE(made,
            QStringList(
                {QStringLiteral("PROJ_LIB=") + prefix.filePath(QStringLiteral("share/proj")),
                    QStringLiteral("GDAL_DRIVER_PATH=")
                        + prefix.filePath(QStringLiteral("lib/gdalplugins"))}));
    }

    void setsNothingOutsideABundle()
    {
        // A build tree, or share/proj without proj.db: the host's data stays in use.
        QTemporaryDir dir;
        const QDir prefix(dir.path());
        makeBundle(prefix, {"share/griddesk/maps"});
        QVERIFY(prefix.mkpath(QStringLiteral("share/proj")));

        QVERIFY(useBundledGisData(prefix.filePath(QStringLiteral("bin"))).isEmpty());
        for (const char *name : VARIABLES)
            QVERIFY2(!qEnvironmentVariableIsSet(name), name);
    }

private:
    QHash<QByteArray, QByteArray> m_saved;
};

GRIDDESK_TEST_MAIN(TestBundledGisData, QCoreApplication)
#include "tst_bundledgisdata.moc"
