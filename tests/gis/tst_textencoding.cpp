// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/textencoding.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>

#include <iconv.h>

using namespace GridDesk;

namespace {
/// Real village and district names of Taipei, the text the detector has to tell apart.
const QStringList NAMES {QStringLiteral("文山區"), QStringLiteral("博嘉里"),
    QStringLiteral("萬芳里"), QStringLiteral("木柵里"), QStringLiteral("臺北市"),
    QStringLiteral("景美里"), QStringLiteral("興豐里"), QStringLiteral("指南里")};

QByteArray encode(const QString &text, const char *encoding)
{
    iconv_t converter = iconv_open(encoding, "UTF-8");
    QByteArray input = text.toUtf8();
    QByteArray output(input.size() * 4, Qt::Uninitialized);
    char *in = input.data();
    char *out = output.data();
    std::size_t inLeft = std::size_t(input.size());
    std::size_t outLeft = std::size_t(output.size());
    iconv(converter, &in, &inLeft, &out, &outLeft);
    iconv_close(converter);
    output.truncate(out - output.data());
    return output;
}

QList<QByteArray> encodeAll(const char *encoding)
{
    QList<QByteArray> samples;
    for (const QString &name : NAMES)
        samples << encode(name, encoding);
    return samples;
}
} // namespace

class TestTextEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalNames_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("cpg UTF-8") << QStringLiteral("UTF-8") << QStringLiteral("UTF-8");
        QTest::newRow("code page 936") << QStringLiteral("936") << QStringLiteral("GBK");
        QTest::newRow("lower gbk") << QStringLiteral("gbk") << QStringLiteral("GBK");
        QTest::newRow("GB18030") << QStringLiteral("GB18030") << QStringLiteral("GBK");
        QTest::newRow("big5") << QStringLiteral("big5") << QStringLiteral("Big5");
        QTest::newRow("cp950") << QStringLiteral("CP950") << QStringLiteral("Big5");
        QTest::newRow("latin1 cpg") << QStringLiteral("88591") << QStringLiteral("ISO-8859-1");
        QTest::newRow("unknown") << QStringLiteral("EBCDIC") << QString();
    }
    void canonicalNames()
    {
        QFETCH(QString, given);
        QFETCH(QString, canonical);
        QCOMPARE(TextEncoding::canonicalName(given).value_or(QString()), canonical);
    }

    void detectsEachEncoding_data()
    {
        QTest::addColumn<QByteArray>("iconvName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("utf-8") << QByteArray("UTF-8") << QStringLiteral("UTF-8");
        QTest::newRow("gbk") << QByteArray("GBK") << QStringLiteral("GBK");
        QTest::newRow("big5") << QByteArray("BIG5") << QStringLiteral("Big5");
    }
    void detectsEachEncoding()
    {
        QFETCH(QByteArray, iconvName);
        QFETCH(QString, expected);
        const QList<QByteArray> samples = encodeAll(iconvName.constData());
        QCOMPARE(TextEncoding::detect(samples).value_or(QStringLiteral("nothing")), expected);
        for (int i = 0; i < samples.size(); ++i)
            QCOMPARE(*TextEncoding::decode(samples.at(i), expected), NAMES.at(i));
    }

    void asciiIsUtf8()
    {
        QCOMPARE(*TextEncoding::detect({QByteArray("Manhattan"), QByteArray("101")}),
            QStringLiteral("UTF-8"));
    }

    void undecodableBytesAreReported()
    {
        const auto decoded = TextEncoding::decode(QByteArray("ab\xff\xfe"), QStringLiteral("GBK"));
        QVERIFY(!decoded.has_value());
        QVERIFY(decoded.error().message.contains(QLatin1String("GBK")));
        QVERIFY(!TextEncoding::decode(QByteArray("\xc3\x28"), QStringLiteral("UTF-8")));
    }

    void nothingFitsGivesNoAnswer()
    {
        // Bytes that are valid in none of UTF-8, GBK or Big5.
        QVERIFY(!TextEncoding::detect({QByteArray("\xff\xff\xff\xff")}).has_value());
    }
};

GRIDDESK_TEST_MAIN(TestTextEncoding, QCoreApplication)
#include "tst_textencoding.moc"
