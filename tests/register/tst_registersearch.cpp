// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfixture.h"

#include "register/registerbook.h"
#include "register/registersearch.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

QStringList codes(const Result<QList<RegisterEntry>> &found)
{
    QStringList list;
    for (const RegisterEntry &entry : found.value_or(QList<RegisterEntry>()))
        list << entry.code;
    return list;
}

} // namespace

class TestRegisterSearch : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

private Q_SLOTS:
    void findsAReporterByNameOrPhone_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("expected");
        const QString wang = QStringLiteral("PE-000001");
        const QString wangEr = QStringLiteral("PE-000002");
        QTest::newRow("whole name") << QStringLiteral("王大明") << QStringList {wang};
        QTest::newRow("family name") << QStringLiteral("王") << QStringList {wangEr, wang};
        QTest::newRow("surrounding spaces") << QStringLiteral("  王大 ") << QStringList {wang};
        QTest::newRow("whole phone") << QStringLiteral("0912345678") << QStringList {wang};
        QTest::newRow("phone as spoken") << QStringLiteral("0912-345 678") << QStringList {wang};
        QTest::newRow("last six digits") << QStringLiteral("345678") << QStringList {wang};
        QTest::newRow("too few digits") << QStringLiteral("5678") << QStringList {};
        QTest::newRow("other phone field")
            << QStringLiteral("(02) 2345-6789") << QStringList {wangEr};
        // An organisation's phone and a place's name are not people.
        QTest::newRow("organisation phone") << QStringLiteral("0227208889") << QStringList {};
        QTest::newRow("place name") << QStringLiteral("王家") << QStringList {};
        QTest::newRow("blank") << QStringLiteral("   ") << QStringList {};
        QTest::newRow("nobody") << QStringLiteral("李") << QStringList {};
    }

    void findsAReporterByNameOrPhone()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, expected);
        auto ws = m_fixture.squares(QStringLiteral("people-%1.gpkg").arg(QTest::currentDataTag()));
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        QVERIFY(book.has_value());
        const auto add = [&](const QString &kind, const QString &name, const QString &phone) {
            RegisterEntry entry;
            entry.kind = kind;
            entry.name = name;
            entry.address = QStringLiteral("No. %1, Heping Road").arg(name.size());
            entry.gridCode = QStringLiteral("SQ-W");
            if (!phone.isEmpty())
                entry.fields.insert(QStringLiteral("phone"), phone);
            return book->add(entry, QStringLiteral("Clerk"), AT).has_value();
        };
        QVERIFY(add(
            QStringLiteral("person"), QStringLiteral("王大明"), QStringLiteral("0912-345-678")));
        QVERIFY(
            add(QStringLiteral("person"), QStringLiteral("王二"), QStringLiteral("02-2345-6789")));
        QVERIFY(add(QStringLiteral("organisation"), QStringLiteral("王家 welfare"),
            QStringLiteral("02-2720-8889")));
        QVERIFY(add(QStringLiteral("place"), QStringLiteral("王家 house"), {}));

        auto found = RegisterSearch::people(*book, typed);
        QVERIFY2(found.has_value(), Test::why(found).constData());
        QCOMPARE(codes(found), expected);
    }

    void findsEntriesByTheBeginningOfNameOrAddress_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("grid");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("name") << QStringLiteral("Lamp") << QString() << QString()
                              << QStringList {
                                     QStringLiteral("TH-000001"), QStringLiteral("TH-000002")};
        QTest::newRow("address") << QStringLiteral("忠孝西路一段49號") << QString() << QString()
                                 << QStringList {
                                        QStringLiteral("PL-000001"), QStringLiteral("PE-000001")};
        QTest::newRow("address of a kind")
            << QStringLiteral("忠孝西路") << QStringLiteral("person") << QString()
            << QStringList {QStringLiteral("PE-000001")};
        QTest::newRow("in a grid") << QStringLiteral("Lamp") << QString() << QStringLiteral("SQ-E")
                                   << QStringList {QStringLiteral("TH-000002")};
        QTest::newRow("inside a name")
            << QStringLiteral("amp") << QString() << QString() << QStringList {};
        QTest::newRow("letter case kept")
            << QStringLiteral("lamp") << QString() << QString() << QStringList {};
        QTest::newRow("blank") << QStringLiteral(" ") << QString() << QString() << QStringList {};
    }

    void findsEntriesByTheBeginningOfNameOrAddress()
    {
        QFETCH(QString, typed);
        QFETCH(QString, kind);
        QFETCH(QString, grid);
        QFETCH(QStringList, expected);
        auto ws = m_fixture.squares(QStringLiteral("search-%1.gpkg").arg(QTest::currentDataTag()));
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        QVERIFY(book.has_value());
        const auto add = [&](const QString &kind, const QString &name, const QString &address,
                             const GeoPoint &point) {
            RegisterEntry entry;
            entry.kind = kind;
            entry.name = name;
            entry.address = address;
            entry.wkb = Wkb::point(point);
            return book->add(entry, QStringLiteral("Clerk"), AT).has_value();
        };
        QVERIFY(add(QStringLiteral("thing"), QStringLiteral("Lamp 7"), {}, {121.505, 25.005}));
        QVERIFY(add(QStringLiteral("thing"), QStringLiteral("Lamp 8"), {}, {121.515, 25.005}));
        QVERIFY(add(QStringLiteral("place"), QStringLiteral("Station tower"),
            QStringLiteral("忠孝西路一段49號"), {121.506, 25.005}));
        QVERIFY(add(QStringLiteral("person"), QStringLiteral("王大明"),
            QStringLiteral("忠孝西路一段49號5樓"), {121.506, 25.005}));

        RegisterQuery scope;
        if (!kind.isEmpty())
            scope.kind = kind;
        if (!grid.isEmpty())
            scope.gridCode = grid;
        auto found = RegisterSearch::byNameOrAddress(*book, typed, scope);
        QVERIFY2(found.has_value(), Test::why(found).constData());
        QCOMPARE(codes(found), expected);
    }
};

QTEST_GUILESS_MAIN(TestRegisterSearch)
#include "tst_registersearch.moc"
