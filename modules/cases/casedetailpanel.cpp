// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casedetailpanel.h"

#include "casetimelinemodel.h"

#include "domain/displaytime.h"
#include "org/reportercontact.h"
#include "workflow/terms.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

enum class ClockColumn { Stage, Started, Deadline, Ended, Limit, Outcome, Count };

QString timeText(const QDateTime &time)
{
    return time.isValid() ? displayDateTime(time) : QString();
}

/// The fields of the panel, in the order they are shown, with their labels.
QList<std::pair<QString, QString>> fieldLabels()
{
    return {
        {QStringLiteral("case"), CaseDetailPanel::tr("Case:")},
        {QStringLiteral("state"), CaseDetailPanel::tr("State:")},
        {QStringLiteral("category"), CaseDetailPanel::tr("Category:")},
        {QStringLiteral("description"), CaseDetailPanel::tr("Description:")},
        {QStringLiteral("address"), CaseDetailPanel::tr("Address:")},
        {QStringLiteral("location"), CaseDetailPanel::tr("Location:")},
        {QStringLiteral("grid"), CaseDetailPanel::tr("Grid:")},
        {QStringLiteral("channel"), CaseDetailPanel::tr("Channel:")},
        {QStringLiteral("reported"), CaseDetailPanel::tr("Reported:")},
        {QStringLiteral("contact"), CaseDetailPanel::tr("Reporter's contact:")},
        {QStringLiteral("sameAs"), CaseDetailPanel::tr("Possibly the same as:")},
        {QStringLiteral("caseTypes"), CaseDetailPanel::tr("Case types:")},
        {QStringLiteral("leadUnit"), CaseDetailPanel::tr("Lead unit:")},
        {QStringLiteral("coUnits"), CaseDetailPanel::tr("Jointly with:")},
        {QStringLiteral("dispatchedBy"), CaseDetailPanel::tr("Dispatched by:")},
        {QStringLiteral("promised"), CaseDetailPanel::tr("Promised for:")},
        {QStringLiteral("satisfaction"), CaseDetailPanel::tr("Satisfaction:")},
        {QStringLiteral("merged"), CaseDetailPanel::tr("Duplicates:")},
    };
}

/// Who chose the lead unit of file: the rule that proposed it, or the person who dispatched.
QString dispatchedBy(const CaseFile &file)
{
    if (file.leadUnit().isEmpty())
        return {};
    if (!file.dispatchRule().isEmpty()) {
        return file.dispatchReason().isEmpty()
            ? CaseDetailPanel::tr("Rule %1").arg(file.dispatchRule())
            : file.dispatchReason();
    }
    for (auto event = file.events().crbegin(); event != file.events().crend(); ++event) {
        if (event->action == CaseAction::Dispatch)
            //: %1 is the person who chose the unit
            return CaseDetailPanel::tr("Chosen by %1 (no rule)").arg(event->actor);
    }
    return {};
}

} // namespace

CaseDetailPanel::CaseDetailPanel(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_deadline(new QLabel(this))
    , m_showOnMap(new QPushButton(tr("Show on map"), this))
    , m_tabs(new QTabWidget(this))
    , m_timeline(new CaseTimelineModel(this))
    , m_clocks(new QTreeWidget(this))
    , m_attachments(new QListWidget(this))
{
    m_heading->setObjectName(QStringLiteral("caseHeading"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deadline->setObjectName(QStringLiteral("caseDeadline"));
    m_deadline->setMargin(3);
    m_showOnMap->setObjectName(QStringLiteral("showOnMap"));
    m_showOnMap->setToolTip(tr("Centre the map on the case and select it"));
    m_tabs->setObjectName(QStringLiteral("caseTabs"));
    m_tabs->addTab(createFieldsTab(), tr("Case"));
    m_tabs->addTab(createHistoryTab(), tr("History"));
    m_clocks->setObjectName(QStringLiteral("stageClocks"));
    m_clocks->setRootIsDecorated(false);
    m_clocks->setHeaderLabels(
        {tr("Stage"), tr("Started"), tr("Deadline"), tr("Ended"), tr("Limit"), tr("Outcome")});
    m_tabs->addTab(m_clocks, tr("Deadlines"));
    m_tabs->addTab(createAttachmentsTab(), tr("Attachments"));
    m_tabs->addTab(createEntriesTab(), tr("Register"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_deadline);
    top->addWidget(m_showOnMap);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_showOnMap, &QPushButton::clicked, this, [this] {
        if (m_caseId)
            Q_EMIT showOnMapRequested(*m_caseId);
    });
    clear();
}

QWidget *CaseDetailPanel::createFieldsTab()
{
    // One label holding a table of the fields a case has, rather than a form with rows shown
    // and hidden: Qt 6.4's QFormLayout writes past its buffers when rows of word-wrapped labels
    // are hidden.
    m_fieldsLabel = new QLabel;
    m_fieldsLabel->setObjectName(QStringLiteral("caseFields"));
    m_fieldsLabel->setTextFormat(Qt::RichText);
    m_fieldsLabel->setWordWrap(true);
    m_fieldsLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_fieldsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fieldsLabel->setMargin(4);
    m_revealContact = new QPushButton(tr("Reveal contact…"));
    m_revealContact->setObjectName(QStringLiteral("revealContact"));
    connect(m_revealContact, &QPushButton::clicked, this, [this] {
        if (m_caseId)
            Q_EMIT revealContactRequested(*m_caseId);
    });
    auto *fields = new QWidget;
    auto *layout = new QVBoxLayout(fields);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldsLabel, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_revealContact);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    auto *scroll = new QScrollArea;
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

void CaseDetailPanel::showFieldTable()
{
    QString rows;
    for (const auto &[name, label] : fieldLabels()) {
        const QString value = m_fields.value(name);
        if (value.isEmpty())
            continue;
        rows += QStringLiteral("<tr><td style=\"padding-right:8px\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    }
    m_fieldsLabel->setText(QStringLiteral("<table>%1</table>").arg(rows));
}

QWidget *CaseDetailPanel::createHistoryTab()
{
    m_timelineView = new QTableView;
    m_timelineView->setObjectName(QStringLiteral("timeline"));
    m_timelineView->setModel(m_timeline);
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timelineView->setWordWrap(false);
    m_timelineView->verticalHeader()->setVisible(false);
    m_timelineView->verticalHeader()->setDefaultSectionSize(
        m_timelineView->fontMetrics().height() + 6);
    m_timelineView->horizontalHeader()->setStretchLastSection(true);
    return m_timelineView;
}

QWidget *CaseDetailPanel::createEntriesTab()
{
    auto *tab = new QWidget;
    m_entries = new QListWidget(tab);
    m_entries->setObjectName(QStringLiteral("linkedEntries"));
    m_linkEntry = new QPushButton(tr("Link…"), tab);
    m_linkEntry->setObjectName(QStringLiteral("linkEntry"));
    m_linkEntry->setToolTip(tr("Link the case to a register entry: one at its place, or any by "
                               "its code"));
    m_unlinkEntry = new QPushButton(tr("Unlink"), tab);
    m_unlinkEntry->setObjectName(QStringLiteral("unlinkEntry"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_linkEntry);
    buttons->addWidget(m_unlinkEntry);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_entries, 1);
    layout->addLayout(buttons);

    connect(m_linkEntry, &QPushButton::clicked, this, [this] {
        if (m_caseId)
            Q_EMIT linkEntryRequested(*m_caseId);
    });
    connect(m_unlinkEntry, &QPushButton::clicked, this, [this] {
        const QListWidgetItem *item = m_entries->currentItem();
        if (m_caseId && item)
            Q_EMIT unlinkEntryRequested(*m_caseId, item->data(Qt::UserRole).toString(),
                item->data(Qt::UserRole + 1).toBool());
    });
    connect(m_entries, &QListWidget::currentItemChanged, this,
        [this](const QListWidgetItem *item) { m_unlinkEntry->setEnabled(m_caseId && item); });
    return tab;
}

void CaseDetailPanel::showEntries(const QList<LinkedEntry> &entries)
{
    m_entries->clear();
    for (const LinkedEntry &entry : entries) {
        //: %1 is a register entry's kind, %2 its name, %3 its code
        const QString what = tr("%1 %2 (%3)").arg(entry.kind, entry.name, entry.code);
        auto *item =
            new QListWidgetItem(entry.reporter ? tr("Reporter: %1").arg(what) : what, m_entries);
        item->setData(Qt::UserRole, entry.code);
        item->setData(Qt::UserRole + 1, entry.reporter);
        item->setToolTip(tr("Linked by %1").arg(entry.linkedBy));
    }
    m_unlinkEntry->setEnabled(false);
}

QWidget *CaseDetailPanel::createAttachmentsTab()
{
    auto *tab = new QWidget;
    m_attachments->setObjectName(QStringLiteral("attachments"));
    m_addAttachment = new QPushButton(tr("Add…"), tab);
    m_addAttachment->setObjectName(QStringLiteral("addAttachment"));
    m_openAttachment = new QPushButton(tr("Open"), tab);
    m_openAttachment->setObjectName(QStringLiteral("openAttachment"));
    m_saveAttachment = new QPushButton(tr("Save as…"), tab);
    m_saveAttachment->setObjectName(QStringLiteral("saveAttachment"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addAttachment);
    buttons->addWidget(m_openAttachment);
    buttons->addWidget(m_saveAttachment);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_attachments, 1);
    layout->addLayout(buttons);

    connect(m_addAttachment, &QPushButton::clicked, this, [this] {
        if (m_caseId)
            Q_EMIT addAttachmentRequested(*m_caseId);
    });
    connect(m_openAttachment, &QPushButton::clicked, this, [this] {
        if (const auto chosen = currentAttachment())
            Q_EMIT openAttachmentRequested(chosen->first, chosen->second);
    });
    connect(m_saveAttachment, &QPushButton::clicked, this, [this] {
        if (const auto chosen = currentAttachment())
            Q_EMIT saveAttachmentRequested(chosen->first, chosen->second);
    });
    connect(m_attachments, &QListWidget::itemActivated, m_openAttachment, &QPushButton::click);
    return tab;
}

void CaseDetailPanel::clear()
{
    m_caseId.reset();
    m_heading->setText(tr("No case chosen. Pick one in the queue or on the map."));
    m_deadline->clear();
    m_deadline->setStyleSheet({});
    m_fields.clear();
    showFieldTable();
    m_timeline->setEvents({}, {});
    m_clocks->clear();
    m_attachments->clear();
    m_entries->clear();
    for (QPushButton *button : {m_showOnMap, m_addAttachment, m_openAttachment, m_saveAttachment,
             m_linkEntry, m_unlinkEntry, m_revealContact})
        button->setEnabled(false);
    m_revealContact->setVisible(false);
}

void CaseDetailPanel::showCase(const CaseDetails &details)
{
    const CaseRecord &record = details.record;
    m_caseId = record.id;
    const QString label =
        record.externalId.isEmpty() ? QString::number(record.id) : record.externalId;
    const auto state = caseStateFromKey(record.state);
    //: %1 is a case, %2 its state
    m_heading->setText(tr("<b>Case %1</b> · %2")
                           .arg(label.toHtmlEscaped(),
                               (state ? caseStateName(*state) : record.state).toHtmlEscaped()));
    setDeadline(details.deadline);

    m_fields.clear();
    showFields(details);
    showLoop(details);
    showFieldTable();
    QList<CaseEvent> events = details.file ? details.file->events() : QList<CaseEvent>();
    // What the history holds goes masked wherever it is shown, as the field does.
    if (!details.contactRevealed) {
        for (CaseEvent &event : events)
            event.data = withContactMasked(event.data);
    }
    m_timeline->setEvents(events, details.units);
    m_timelineView->resizeColumnsToContents();
    showClocks(details);
    showAttachments(details.attachments);
    showEntries(details.entries);
    m_showOnMap->setEnabled(record.location.has_value());
    m_addAttachment->setEnabled(details.file.has_value());
    m_linkEntry->setEnabled(details.file.has_value());
}

void CaseDetailPanel::setDeadline(const DeadlineShown &deadline)
{
    m_deadline->setText(deadline.text);
    m_deadline->setToolTip(deadline.toolTip);
    const QColor background = deadline.background();
    m_deadline->setStyleSheet(deadline.text.isEmpty()
            ? QString()
            : QStringLiteral("QLabel { color: %1; background: %2; border-radius: 3px; }")
                  .arg(deadline.foreground().name(),
                      background.isValid() ? background.name() : QStringLiteral("transparent")));
}

void CaseDetailPanel::showFields(const CaseDetails &details)
{
    const CaseRecord &record = details.record;
    setField(QStringLiteral("case"),
        record.externalId.isEmpty()
            ? QString::number(record.id)
            //: %1 is the source's id of a case, %2 the workspace's
            : tr("%1 (no. %2 in this workspace)").arg(record.externalId).arg(record.id));
    const std::optional<Category> category = details.categories.category(record.category);
    const bool named = category && !category->name.isEmpty() && category->name != record.category;
    setField(QStringLiteral("category"),
        named ? tr("%1 (%2)").arg(category->name, record.category) : record.category);
    setField(QStringLiteral("description"), record.descriptor);
    setField(QStringLiteral("address"), record.address);
    setField(QStringLiteral("location"),
        record.location ? tr("%1, %2 (longitude, latitude)")
                              .arg(record.location->lon, 0, 'f', 6)
                              .arg(record.location->lat, 0, 'f', 6)
                        : tr("none given"));
    setField(QStringLiteral("grid"), record.gridCode);
    setField(QStringLiteral("channel"), channelName(record.source));
    setField(QStringLiteral("reported"), timeText(record.created.wallTime()));
    showContact(details);

    // Reports of the same thing from other channels, for the operator to merge before
    // registering.
    QStringList same;
    for (const CaseRecord &other : details.duplicates) {
        const qint64 minutes =
            std::abs(record.created.wallTime().secsTo(other.created.wallTime())) / 60;
        const double metres = record.location && other.location
            ? metresBetween(*record.location, *other.location)
            : 0.0;
        //: %1 is a case, %2 its channel, %3 minutes and %4 metres from this case
        same << tr("case %1 (%2, %3 min and %4 m apart)")
                    .arg(other.externalId.isEmpty() ? QString::number(other.id) : other.externalId,
                        channelName(other.source))
                    .arg(minutes)
                    .arg(qRound(metres));
    }
    setField(QStringLiteral("sameAs"),
        same.isEmpty() ? QString()
                       : same.join(QStringLiteral("; ")) + u' ' + tr("— merge it with Merge."));
}

void CaseDetailPanel::showContact(const CaseDetails &details)
{
    const bool masked = !details.contactRevealed;
    const QString text = contactText(masked ? maskedContact(details.contact) : details.contact);
    setField(
        QStringLiteral("contact"), text.isEmpty() || !masked ? text : tr("%1 (masked)").arg(text));
    m_revealContact->setVisible(!text.isEmpty() && masked);
    m_revealContact->setEnabled(details.mayRevealContact);
    m_revealContact->setToolTip(details.mayRevealContact
            ? tr("Show the contact unmasked; you are asked why, and the reveal is recorded")
            : tr("Only a leader or an administrator may see a reporter's contact unmasked"));
}

void CaseDetailPanel::showLoop(const CaseDetails &details)
{
    const auto state = caseStateFromKey(details.record.state);
    QString stateText = state ? caseStateName(*state) : details.record.state;
    if (!details.historyError.isEmpty())
        stateText += u' ' + tr("(history unreadable: %1)").arg(details.historyError);
    else if (!details.file)
        stateText += u' ' + tr("(no history recorded yet)");
    setField(QStringLiteral("state"), stateText);
    setField(QStringLiteral("leadUnit"), details.units.displayName(details.record.leadUnit));
    if (!details.file) {
        for (const char *name :
            {"caseTypes", "coUnits", "dispatchedBy", "promised", "satisfaction", "merged"})
            setField(QString::fromLatin1(name), {});
        return;
    }

    const CaseFile &file = *details.file;
    QStringList types;
    for (CaseType type : file.types())
        types << caseTypeName(type);
    setField(QStringLiteral("caseTypes"), types.join(QStringLiteral(", ")));
    QStringList coUnits;
    for (const QString &code : file.coUnits())
        coUnits << details.units.displayName(code);
    setField(QStringLiteral("coUnits"), coUnits.join(QStringLiteral(", ")));
    setField(QStringLiteral("dispatchedBy"), dispatchedBy(file));
    setField(QStringLiteral("promised"),
        file.promisedAt() ? timeText(file.promisedAt()->wallTime()) : QString());
    setField(QStringLiteral("satisfaction"),
        file.satisfaction() ? tr("%1 of 5").arg(*file.satisfaction()) : QString());
    QStringList merged;
    if (file.mergedInto())
        merged << tr("merged into case %1").arg(*file.mergedInto());
    for (qint64 from : file.mergedFrom())
        merged << tr("case %1 merged in").arg(from);
    setField(QStringLiteral("merged"), merged.join(QStringLiteral("; ")));
}

void CaseDetailPanel::showClocks(const CaseDetails &details)
{
    m_clocks->clear();
    for (const StageClock &clock : details.clocks) {
        QString outcome;
        QColor colour;
        if (clock.ended.isValid()) {
            const bool late = clock.endedLate();
            outcome = late ? tr("Late by %1").arg(durationText(clock.deadline.secsTo(clock.ended)))
                           : tr("On time");
            colour = late ? QColor(0x9b, 0x10, 0x10) : QColor();
        } else {
            outcome = details.deadline.text;
            colour = details.deadline.foreground();
        }
        auto *item = new QTreeWidgetItem(m_clocks,
            {stageName(clock.stage), timeText(clock.started), timeText(clock.deadline),
                timeText(clock.ended), clock.limit, outcome});
        if (colour.isValid())
            item->setForeground(int(ClockColumn::Outcome), colour);
    }
    for (int column = 0; column < int(ClockColumn::Count); ++column)
        m_clocks->resizeColumnToContents(column);
}

void CaseDetailPanel::showAttachments(const QList<CaseAttachment> &attachments)
{
    m_attachments->clear();
    for (const CaseAttachment &attachment : attachments) {
        //: an attachment: file name, size, who added it and when
        auto *item = new QListWidgetItem(
            tr("%1 (%2), added by %3 on %4")
                .arg(attachment.name, QLocale().formattedDataSize(attachment.size),
                    attachment.addedBy, timeText(attachment.addedAt.wallTime())),
            m_attachments);
        item->setData(Qt::UserRole, attachment.id);
        item->setData(Qt::UserRole + 1, attachment.name);
    }
    if (m_attachments->count() > 0)
        m_attachments->setCurrentRow(0);
    m_openAttachment->setEnabled(m_attachments->count() > 0);
    m_saveAttachment->setEnabled(m_attachments->count() > 0);
}

std::optional<std::pair<qint64, QString>> CaseDetailPanel::currentAttachment() const
{
    const QListWidgetItem *item = m_attachments->currentItem();
    if (!item)
        return std::nullopt;
    return std::pair(
        item->data(Qt::UserRole).toLongLong(), item->data(Qt::UserRole + 1).toString());
}

void CaseDetailPanel::setField(const QString &name, const QString &text)
{
    m_fields.insert(name, text);
}

QString CaseDetailPanel::field(const QString &name) const
{
    return m_fields.value(name);
}

} // namespace GridDesk
