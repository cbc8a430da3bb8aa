// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// The feed's JSON written straight from the snapshots: byte for byte what QJsonDocument writes
// for the same values built as QJsonObjects, which the feed sent before.

#include "sync/jsonwriter.h"
#include "sync/protocol.h"

#include "support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace GridDesk;

Q_DECLARE_METATYPE(GridDesk::Sync::CaseSnapshot)

namespace {

QByteArray viaDocument(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray viaWriter(const QJsonValue &value)
{
    QByteArray out;
    Sync::JsonWriter json(out);
    json.value(value);
    return out;
}

/// Texts with everything a writer could get wrong: escapes, control characters, characters of
/// two, three and four UTF-8 bytes, and surrogates without their partner.
QStringList awkwardTexts()
{
    QString controls;
    for (char16_t unit = 0; unit < 0x20; ++unit)
        controls.append(QChar(unit));
    return {QString(), QStringLiteral(""), QStringLiteral("plain"),
        QStringLiteral("quote \" backslash \\ slash / delete \x7f"), controls,
        QStringLiteral("东城区网格 0101 — café ß"), QStringLiteral("emoji \U0001F6A7 end"),
        QString(QChar(0xd83d)) + QStringLiteral(" lone high"),
        QStringLiteral("lone low ") + QChar(0xde00),
        QStringLiteral("high at the end ") + QChar(0xd800),
        QString(QChar(0xdbff)) + QChar(0xdbff) + QChar(0xdfff),
        QStringLiteral("\u00a0\u07ff\u0800\uffff")};
}

Sync::CaseSnapshot sampleSnapshot(const QString &text, bool located)
{
    Sync::CaseSnapshot snapshot;
    snapshot.key = Sync::CaseKey {QStringLiteral("NYC311"), text + QStringLiteral("-7")};
    CaseRecord &record = snapshot.record;
    record.source = snapshot.key.source;
    record.externalId = snapshot.key.externalId;
    record.category = QStringLiteral("noise");
    record.descriptor = text;
    record.status = QStringLiteral("Open");
    record.agency = QStringLiteral("NYPD");
    record.address = QStringLiteral("1 Centre St, %1").arg(text);
    record.created = *CaseTime::fromIso(QStringLiteral("2026-12-05T09:30:00+08:00"));
    record.gridCode = QStringLiteral("101-0001");
    record.flags = {QStringLiteral("no_location"), text};
    if (located)
        record.location = GeoPoint {-73.98765432101234, 40.75};

    CaseEvent report;
    report.sequence = 1;
    report.action = CaseAction::Report;
    report.actor = text;
    report.role = Role::Operator;
    report.unit = QStringLiteral("city");
    report.at = record.created;
    report.to = CaseState::Reported;
    report.data = QJsonObject {{QStringLiteral("channel"), QStringLiteral("hotline")},
        {QStringLiteral("command"), QStringLiteral("6f1c0e0b6d3f4f3e9a1d2c3b4a596877")},
        {QStringLiteral("nested"),
            QJsonObject {
                {QStringLiteral("list"), QJsonArray {1, 2.5, true, QJsonValue()}}, {text, text}}}};
    CaseEvent merge = report;
    merge.sequence = 2;
    merge.action = CaseAction::Merge;
    merge.from = CaseState::Reported;
    merge.to = CaseState::Closed;
    merge.reason = text;
    merge.at = *CaseTime::fromIso(QStringLiteral("2026-12-05T10:00:00"));
    merge.data = QJsonObject {{QStringLiteral("into"), 42}, {QStringLiteral("from"), 43}};
    snapshot.events = {report, merge};
    return snapshot;
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesAsTheDocumentWritesThem_data()
    {
        QTest::addColumn<QJsonValue>("value");
        const QStringList texts = awkwardTexts();
        for (qsizetype index = 0; index < texts.size(); ++index)
            QTest::addRow("text %d", int(index)) << QJsonValue(texts.at(index));
        const double numbers[] = {0.0, -0.0, 1.0, -1.0, 0.1, -73.98765432101234, 40.75, 1e-300,
            1e300, 123456789.0, 9007199254740991.0, 9007199254740992.0, 9007199254740993.0, 1e20,
            -1e20, 0.5e-7, std::numeric_limits<double>::max(),
            std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::infinity(),
            std::numeric_limits<double>::quiet_NaN()};
        for (const double number : numbers)
            QTest::addRow("double %.17g", number) << QJsonValue(number);
        for (const qint64 integer : {qint64(0), qint64(-5), qint64(1) << 53, (qint64(1) << 53) + 1,
                 std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()})
            QTest::addRow("integer %lld", qlonglong(integer)) << QJsonValue(integer);
        QTest::addRow("true") << QJsonValue(true);
        QTest::addRow("false") << QJsonValue(false);
        QTest::addRow("null") << QJsonValue();
        QTest::addRow("empty object") << QJsonValue(QJsonObject());
        QTest::addRow("empty array") << QJsonValue(QJsonArray());
        QJsonObject object;
        for (const QString &text : texts)
            object.insert(text, QJsonArray {text, 1.5, QJsonObject {{text, QJsonArray()}}});
        QTest::addRow("object with awkward keys") << QJsonValue(object);
    }

    void valuesAsTheDocumentWritesThem()
    {
        QFETCH(QJsonValue, value);
        QCOMPARE(viaWriter(value), viaDocument(value));
    }

    void snapshotsAsBefore_data()
    {
        QTest::addColumn<Sync::CaseSnapshot>("snapshot");
        const QStringList texts = awkwardTexts();
        for (qsizetype index = 0; index < texts.size(); ++index) {
            QTest::addRow("text %d, located", int(index)) << sampleSnapshot(texts.at(index), true);
            QTest::addRow("text %d, no place", int(index))
                << sampleSnapshot(texts.at(index), false);
        }
        Sync::CaseSnapshot closed = sampleSnapshot(QStringLiteral("closed"), true);
        closed.record.closed = *CaseTime::fromIso(QStringLiteral("2026-12-06T08:00:00Z"));
        closed.record.created = CaseTime();
        closed.record.flags.clear();
        QTest::addRow("closed, no created time, no flags") << closed;
    }

    void snapshotsAsBefore()
    {
        QFETCH(Sync::CaseSnapshot, snapshot);
        // One linked case the server knows by key, one it no longer has.
        const auto keyOf = [](qint64 id) -> std::optional<Sync::CaseKey> {
            if (id == 42)
                return Sync::CaseKey {QStringLiteral("NYC311"), QStringLiteral("into-\"42\"")};
            return std::nullopt;
        };
        QByteArray written;
        Sync::JsonWriter json(written);
        Sync::writeSnapshotJson(json, snapshot, keyOf);
        const QByteArray before =
            QJsonDocument(Sync::snapshotJson(snapshot, keyOf)).toJson(QJsonDocument::Compact);
        QCOMPARE(written, before);
    }

    void pagesAsBefore_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("cursor");
        QTest::addColumn<bool>("more");
        QTest::addRow("empty, at the start") << 0 << qint64(0) << false;
        QTest::addRow("one case") << 1 << qint64(17) << false;
        QTest::addRow("three cases and more") << 3 << qint64(1234567890123) << true;
    }

    void pagesAsBefore()
    {
        QFETCH(int, count);
        QFETCH(qint64, cursor);
        QFETCH(bool, more);
        const auto keyOf = [](qint64) {
            return std::optional<Sync::CaseKey>();
        };
        QByteArray cases;
        Sync::JsonWriter json(cases);
        QJsonArray array;
        for (int index = 0; index < count; ++index) {
            const Sync::CaseSnapshot snapshot =
                sampleSnapshot(QStringLiteral("case %1").arg(index), index % 2 == 0);
            Sync::writeSnapshotJson(json, snapshot, keyOf);
            array << Sync::snapshotJson(snapshot, keyOf);
        }
        const QJsonObject body {{QStringLiteral("cases"), array},
            {QStringLiteral("cursor"), cursor}, {QStringLiteral("more"), more}};
        QCOMPARE(Sync::feedPageJson(cases, cursor, more),
            QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
};

GRIDDESK_TEST_MAIN(TestJsonWriter, QCoreApplication)

#include "tst_jsonwriter.moc"
