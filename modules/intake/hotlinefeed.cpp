// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "hotlinefeed.h"

#include "intakebook.h"
#include "logging.h"

#include "ingest/caseimporter.h"
#include "storage/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace GridDesk {

namespace {

/// Where the store remembers the content of a folder's file it last took in.
QString hashKey(const QString &fileName)
{
    return QStringLiteral("hotline.sha256.") + fileName;
}

/// Where it remembers the content of a file that failed, so it is reported once, not at every
/// run, until the file changes.
QString failedKey(const QString &fileName)
{
    return QStringLiteral("hotline.failed.") + fileName;
}

std::optional<QString> fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return std::nullopt;
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

HotlineFeed::HotlineFeed(Workspace &store, QString profile)
    : m_store(store)
    , m_profile(std::move(profile))
{ }

Result<ImportSummary> HotlineFeed::importFile(const QString &path)
{
    CaseImportOptions options;
    options.profile = m_profile;
    options.keepRows = true;
    return m_store.transaction<ImportSummary>(
        [&] { return importCasesInTransaction(m_store, path, options); });
}

Result<QList<HotlineFeed::FileOutcome>> HotlineFeed::runFolder(const QString &folder)
{
    const QFileInfoList files =
        QDir(folder).entryInfoList({QStringLiteral("*.csv"), QStringLiteral("*.CSV"),
                                       QStringLiteral("*.xlsx"), QStringLiteral("*.XLSX")},
            QDir::Files | QDir::Readable, QDir::Time | QDir::Reversed);
    QList<FileOutcome> outcomes;
    for (const QFileInfo &info : files) {
        FileOutcome outcome;
        outcome.file = info.fileName();
        const auto hash = fileHash(info.absoluteFilePath());
        if (!hash) {
            outcome.error = QStringLiteral("cannot be read");
            outcomes << outcome;
            continue;
        }
        if (m_store.metadata(hashKey(outcome.file)) == *hash
            || m_store.metadata(failedKey(outcome.file)) == *hash)
            continue;
        auto imported = m_store.transaction<ImportSummary>([&]() -> Result<ImportSummary> {
            CaseImportOptions options;
            options.profile = m_profile;
            options.keepRows = true;
            auto summary = importCasesInTransaction(m_store, info.absoluteFilePath(), options);
            if (!summary)
                return summary;
            if (auto kept = m_store.setMetadata(hashKey(outcome.file), *hash); !kept)
                return std::unexpected(kept.error());
            return summary;
        });
        if (imported) {
            outcome.summary = *imported;
            qCInfo(lcIntake).noquote()
                << "hotline file" << outcome.file << "taken in:" << imported->imported << "cases";
        } else {
            outcome.error = imported.error().message;
            qCWarning(lcIntake).noquote()
                << "hotline file" << outcome.file << "refused:" << outcome.error;
            const auto noted = m_store.transaction(
                [&] { return m_store.setMetadata(failedKey(outcome.file), *hash); });
            if (!noted)
                return std::unexpected(noted.error());
        }
        outcomes << outcome;
    }
    return outcomes;
}

} // namespace GridDesk
