// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "deadlinetext.h"

#include "domain/caserecord.h"
#include "workflow/casebook.h"
#include "workflow/casefile.h"
#include "workflow/stageclock.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QTableView;
class QTabWidget;
class QTreeWidget;

namespace GridDesk {

class CaseTimelineModel;

/// A register entry a case is linked to, as the operator may see it (personal data masked).
struct LinkedEntry
{
    QString code;
    QString kind; ///< the kind's title
    QString name;
    bool reporter = false; ///< the person who reported the case, not what it concerns
    QString linkedBy;
};

/// Everything the case panel shows of one case, gathered by the desk.
struct CaseDetails
{
    CaseRecord record;
    std::optional<CaseFile> file; ///< empty for a case that has no history yet
    QString historyError; ///< why the history could not be read, when it could not
    QList<StageClock> clocks; ///< StageClocks::history of the file
    QList<CaseAttachment> attachments;
    OrgDirectory units;
    CategoryTree categories;
    DeadlineShown deadline; ///< of the current stage
    QDateTime now;
    QList<LinkedEntry> entries;
    /// Open cases of the same category reported near it at about the same time, by any
    /// channel: proposed for merging while the case waits to be registered.
    QList<CaseRecord> duplicates;
    /// The contact the citizen left with the report (Open311's names, email, phone …), as the
    /// report event keeps it; empty when there is none. Shown masked unless contactRevealed.
    QJsonObject contact;
    bool contactRevealed = false;
    bool mayRevealContact = false; ///< the acting user's role may reveal personal data
};

/// The case panel: a case's fields, a button to find it on the map, its history event by
/// event, the deadline of every stage it went through (late ones marked in words and colour),
/// its attachments with Add…, Open and Save as…, and the register entries it is linked to
/// with Link… and Unlink.
class CaseDetailPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CaseDetailPanel(QWidget *parent = nullptr);

    void showCase(const CaseDetails &details);
    void clear();
    /// Shows where the case stands against its deadline now, leaving the rest as it is.
    void setDeadline(const DeadlineShown &deadline);
    std::optional<qint64> caseId() const { return m_caseId; }

    CaseTimelineModel *timeline() const { return m_timeline; }
    QTreeWidget *stageClocks() const { return m_clocks; }
    QListWidget *attachments() const { return m_attachments; }
    QListWidget *linkedEntries() const { return m_entries; }
    QPushButton *revealContactButton() const { return m_revealContact; }
    /// The text of a field ("state", "leadUnit", "dispatchedBy" …), for tests and tools.
    QString field(const QString &name) const;

Q_SIGNALS:
    void showOnMapRequested(qint64 caseId);
    void addAttachmentRequested(qint64 caseId);
    void openAttachmentRequested(qint64 attachmentId, const QString &name);
    void saveAttachmentRequested(qint64 attachmentId, const QString &name);
    /// The operator wants to link the case to another register entry.
    void linkEntryRequested(qint64 caseId);
    /// The operator wants to remove a link made in error.
    void unlinkEntryRequested(qint64 caseId, const QString &code, bool reporter);
    /// The operator wants to see the reporter's contact unmasked (a reason is asked for).
    void revealContactRequested(qint64 caseId);

private:
    QWidget *createFieldsTab();
    QWidget *createHistoryTab();
    QWidget *createAttachmentsTab();
    QWidget *createEntriesTab();
    void showEntries(const QList<LinkedEntry> &entries);
    void setField(const QString &name, const QString &text);
    void showFieldTable();
    void showFields(const CaseDetails &details);
    /// The reporter's contact, masked unless revealed, and the button to reveal it.
    void showContact(const CaseDetails &details);
    void showLoop(const CaseDetails &details);
    void showClocks(const CaseDetails &details);
    void showAttachments(const QList<CaseAttachment> &attachments);
    std::optional<std::pair<qint64, QString>> currentAttachment() const;

    std::optional<qint64> m_caseId;
    QLabel *m_heading;
    QLabel *m_deadline;
    QPushButton *m_showOnMap;
    QTabWidget *m_tabs;
    QLabel *m_fieldsLabel = nullptr;
    QHash<QString, QString> m_fields; ///< the text of each field, empty ones not shown
    CaseTimelineModel *m_timeline;
    QTableView *m_timelineView = nullptr;
    QTreeWidget *m_clocks;
    QListWidget *m_attachments;
    QPushButton *m_addAttachment = nullptr;
    QPushButton *m_openAttachment = nullptr;
    QPushButton *m_saveAttachment = nullptr;
    QListWidget *m_entries = nullptr;
    QPushButton *m_linkEntry = nullptr;
    QPushButton *m_unlinkEntry = nullptr;
    QPushButton *m_revealContact = nullptr;
};

} // namespace GridDesk
