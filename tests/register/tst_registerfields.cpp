// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfixture.h"

#include "register/registerbook.h"
#include "register/registerfields.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

} // namespace

class TestRegisterFields : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

private Q_SLOTS:
    void storedTextIsParsedWhenFirstRead()
    {
        const RegisterFields fields =
            RegisterFields::fromJson(R"({"capacity": 12, "component_type": "lamp"})");
        QVERIFY(!fields.isParsed());
        const RegisterFields copy = fields; // copies keep the text, unparsed
        QCOMPARE(fields.value(QStringLiteral("capacity")).toInt(), 12);
        QVERIFY(fields.isParsed());
        QVERIFY(!copy.isParsed());
        QCOMPARE(copy.keys(),
            QStringList({QStringLiteral("capacity"), QStringLiteral("component_type")}));
        QCOMPARE(copy, fields);
        QCOMPARE(copy.map(),
            (QVariantMap {{QStringLiteral("capacity"), 12},
                {QStringLiteral("component_type"), QStringLiteral("lamp")}}));
    }

    void changesApplyToTheParsedValues()
    {
        RegisterFields fields = RegisterFields::fromJson(R"({"a": "1", "b": "2"})");
        fields.insert(QStringLiteral("c"), QStringLiteral("3"));
        QCOMPARE(fields.size(), 3);
        QCOMPARE(fields.remove(QStringLiteral("a")), 1);
        QCOMPARE(fields.keys(), QStringList({QStringLiteral("b"), QStringLiteral("c")}));
        fields.clear();
        QVERIFY(fields.isEmpty());

        RegisterFields assigned;
        assigned = QVariantMap {{QStringLiteral("x"), 1}};
        QVERIFY(assigned.isParsed());
        QCOMPARE(assigned.value(QStringLiteral("x")).toInt(), 1);
        QVERIFY(assigned != fields);
    }

    void emptyOrDamagedTextReadsAsNoFields_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("empty object") << QByteArray("{}");
        QTest::newRow("not JSON") << QByteArray("{capacity: twelve");
        QTest::newRow("an array") << QByteArray("[1, 2, 3]");
    }

    void emptyOrDamagedTextReadsAsNoFields()
    {
        QFETCH(QByteArray, json);
        const RegisterFields fields = RegisterFields::fromJson(json);
        QVERIFY(fields.isEmpty());
        QCOMPARE(fields.size(), 0);
        QVERIFY(!fields.contains(QStringLiteral("capacity")));
    }

    void aBookReadsFieldsOnlyWhenAskedAndTheSameValues()
    {
        auto ws = m_fixture.squares(QStringLiteral("fields.gpkg"));
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        QVERIFY(book.has_value());
        // Entries of two kinds, grids and sources in turn, so that no row repeats the one
        // before in every column.
        QList<RegisterEntry> added;
        for (int n = 0; n < 6; ++n) {
            RegisterEntry entry;
            entry.kind = n % 2 ? QStringLiteral("thing") : QStringLiteral("place");
            entry.name = QStringLiteral("Entry %1").arg(n);
            entry.wkb = Wkb::point(GeoPoint {n % 3 ? 121.505 : 121.515, 25.005});
            entry.source = n < 3 ? QStringLiteral("desk") : QStringLiteral("import");
            if (n % 2)
                entry.fields.insert(QStringLiteral("asset_code"), QStringLiteral("A-%1").arg(n));
            auto stored = book->add(entry, QStringLiteral("Operator Chen"), AT.addDays(n / 2));
            QVERIFY2(stored.has_value(), Test::why(stored).constData());
            added << *stored;
        }
        QVERIFY(book->verify(added.at(2).code, QStringLiteral("Patroller Zhao"), AT));

        auto read = book->entries();
        QVERIFY(read.has_value());
        QCOMPARE(read->size(), added.size());
        for (const RegisterEntry &entry : std::as_const(*read)) {
            QVERIFY(!entry.fields.isParsed() || entry.fields.map().isEmpty());
            const auto same = std::find_if(added.cbegin(), added.cend(),
                [&entry](const RegisterEntry &each) { return each.code == entry.code; });
            QVERIFY(same != added.cend());
            QCOMPARE(entry.kind, same->kind);
            QCOMPARE(entry.gridCode, same->gridCode);
            QCOMPARE(entry.source, same->source);
            QCOMPARE(entry.fields, same->fields);
            if (entry.code == added.at(2).code) {
                QCOMPARE(entry.verifiedBy, QStringLiteral("Patroller Zhao"));
                QCOMPARE(entry.verifiedAt, AT);
                continue;
            }
            QVERIFY(!entry.verifiedAt.isValid());
            QCOMPARE(entry.updatedAt, same->updatedAt);
            QVERIFY(entry.sameContent(*same));
        }
    }

    void fieldsOfAPageLargerThanASlabReadBackWhole()
    {
        auto ws = m_fixture.squares(QStringLiteral("slabs.gpkg"));
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        QVERIFY(book.has_value());
        // 600 entries of about 200 bytes of fields each: the texts of the page fill more than
        // one shared slab.
        auto added = ws->transaction([&]() -> Result<void> {
            for (int n = 0; n < 600; ++n) {
                RegisterEntry entry;
                entry.kind = QStringLiteral("thing");
                entry.name = QStringLiteral("Lamp %1").arg(n);
                entry.gridCode = QStringLiteral("SQ-W");
                entry.fields.insert(QStringLiteral("asset_code"),
                    QStringLiteral("A-%1-").arg(n) + QString(180, QChar(u'a' + n % 26)));
                if (auto prepared = book->prepare(entry); !prepared)
                    return prepared;
                if (auto inserted = book->insert(entry, QStringLiteral("test"), AT); !inserted)
                    return inserted;
            }
            return {};
        });
        QVERIFY2(added.has_value(), Test::why(added).constData());

        auto read = book->entries();
        QVERIFY(read.has_value());
        QCOMPARE(read->size(), 600);
        for (const RegisterEntry &entry : std::as_const(*read)) {
            const int n = entry.name.mid(5).toInt();
            QCOMPARE(entry.fields.value(QStringLiteral("asset_code")).toString(),
                QStringLiteral("A-%1-").arg(n) + QString(180, QChar(u'a' + n % 26)));
        }
    }
};

GRIDDESK_TEST_MAIN(TestRegisterFields, QCoreApplication)
#include "tst_registerfields.moc"
