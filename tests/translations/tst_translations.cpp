// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/translations.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using namespace GridDesk;

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; ///< one, or one per plural form
    bool finished = true;
};

QList<Message> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QList<Message> messages;
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name"))
            context = xml.readElementText();
        else if (name == QLatin1String("message"))
            current = Message {context, {}, {}, true};
        else if (name == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (name == QLatin1String("translation")) {
            current.finished = xml.attributes().value(QLatin1String("type")).isEmpty();
            if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
                current.translations << xml.text().toString();
            // Plural forms follow as <numerusform> children, read below.
            messages << current;
        } else if (name == QLatin1String("numerusform")) {
            messages.last().translations << xml.readElementText();
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d+|n)"));
    QSet<QString> found;
    for (const auto &match : pattern.globalMatch(text))
        found.insert(match.captured());
    return found;
}

QString tsPath(const QString &language)
{
    return QStringLiteral(GRIDDESK_TS_DIR "/griddesk_%1.ts").arg(language);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStringIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("Simplified Chinese") << "zh_CN";
        QTest::newRow("English") << "en";
    }
    void everyStringIsTranslated()
    {
        QFETCH(QString, language);
        const QList<Message> messages = readTs(tsPath(language));
        QVERIFY(messages.size() > 100);
        for (const Message &message : messages) {
            const QString where = message.context + QStringLiteral(": ") + message.source;
            QVERIFY2(message.finished && !message.translations.isEmpty(), qPrintable(where));
            for (const QString &translation : message.translations) {
                QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(where));
                QCOMPARE(placeholders(translation), placeholders(message.source));
            }
        }
    }

    void translationsMatchTheSources()
    {
        // lupdate over today's sources into a scratch file: every text it finds must be in the
        // committed files. A failure here means: run the update_translations target.
        QFile list(QStringLiteral(GRIDDESK_SOURCE_LIST));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QStringList sources =
            QString::fromUtf8(list.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QTemporaryDir dir;
        const QString scratch = dir.filePath(QStringLiteral("scratch.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(GRIDDESK_LUPDATE),
            sources + QStringList {QStringLiteral("-silent"), QStringLiteral("-ts"), scratch});
        QVERIFY(lupdate.waitForFinished(120'000));
        QCOMPARE(lupdate.exitCode(), 0);

        const QList<Message> current = readTs(scratch);
        QVERIFY(current.size() > 100);
        for (const QString &language : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            QSet<QString> committed;
            for (const Message &message : readTs(tsPath(language)))
                committed.insert(message.context + u'\x1f' + message.source);
            for (const Message &message : current) {
                QVERIFY2(committed.contains(message.context + u'\x1f' + message.source),
                    qPrintable(QStringLiteral("%1 lacks \"%2\" (%3)")
                                   .arg(language, message.source, message.context)));
            }
        }
    }

    void chineseIsInstalled()
    {
        qputenv("GRIDDESK_LANG", "zh_TW");
        const QLocale locale = interfaceLocale();
        QCOMPARE(locale.name(), QStringLiteral("zh_CN"));
        QVERIFY(installTranslations(locale));
        QCOMPARE(QCoreApplication::translate("GridDesk::MainWindow", "Case queue"),
            QStringLiteral("案件队列"));
        QCOMPARE(QCoreApplication::translate(
                     "GridDesk::GridImporter", "%n parent(s) found by containment.", nullptr, 3),
            QStringLiteral("按空间包含关系找到 3 个上级网格。"));
        qputenv("GRIDDESK_LANG", "fr");
        QCOMPARE(interfaceLocale().language(), QLocale::English);
    }
};

GRIDDESK_TEST_MAIN(TestTranslations, QCoreApplication)
#include "tst_translations.moc"
