// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "unitdetailform.h"

#include "orgdocument.h"
#include "orgterms.h"

#include "domain/displaytime.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {
constexpr int KEY_ROLE = Qt::UserRole + 1;

QStringList splitList(const QString &text)
{
    QStringList parts;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            parts << part.trimmed();
    }
    return parts;
}
} // namespace

UnitDetailForm::UnitDetailForm(OrgDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_title(new QLabel(this))
    , m_codeEdit(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_tier(new QSpinBox(this))
    , m_kind(new QComboBox(this))
    , m_parent(new QLineEdit(this))
    , m_contact(new QLineEdit(this))
    , m_jurisdiction(new QLineEdit(this))
    , m_departments(new QLineEdit(this))
    , m_linked(new QListWidget(this))
    , m_link(new QPushButton(tr("Link…"), this))
    , m_unlink(new QPushButton(tr("Unlink"), this))
    , m_groups(new QListWidget(this))
    , m_history(new QTreeWidget(this))
    , m_apply(new QPushButton(tr("&Apply details"), this))
{
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_codeEdit->setReadOnly(true);
    m_parent->setReadOnly(true);
    m_parent->setToolTip(tr("Move the unit to change its parent."));
    m_tier->setRange(1, 6);
    m_kind->addItem(unitKindName(UnitKind::Tier), int(UnitKind::Tier));
    m_kind->addItem(unitKindName(UnitKind::Joint), int(UnitKind::Joint));
    m_jurisdiction->setPlaceholderText(tr("grid codes, separated by ;"));
    m_departments->setPlaceholderText(tr("department names, separated by ;"));
    m_linked->setMaximumHeight(90);
    m_groups->setMaximumHeight(90);
    m_history->setColumnCount(4);
    m_history->setHeaderLabels({tr("When"), tr("By"), tr("Change"), tr("Detail")});
    m_history->setRootIsDecorated(false);
    m_history->header()->setStretchLastSection(true);
    m_history->setColumnWidth(0, 125);
    m_history->setColumnWidth(1, 80);
    m_history->setColumnWidth(2, 60);

    auto *linkButtons = new QHBoxLayout;
    linkButtons->addWidget(m_link);
    linkButtons->addWidget(m_unlink);
    linkButtons->addStretch();
    auto *form = new QFormLayout;
    m_form = form;
    form->addRow(tr("Code:"), m_codeEdit);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Tier:"), m_tier);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Parent:"), m_parent);
    form->addRow(tr("&Contact:"), m_contact);
    form->addRow(tr("&Jurisdiction:"), m_jurisdiction);
    form->addRow(tr("&Departments:"), m_departments);
    form->addRow(tr("Serves:"), m_linked);
    form->addRow(QString(), linkButtons);
    form->addRow(tr("Groups:"), m_groups);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addWidget(m_apply, 0, Qt::AlignRight);
    layout->addWidget(new QLabel(tr("History"), this));
    layout->addWidget(m_history, 1);

    connect(m_apply, &QPushButton::clicked, this, &UnitDetailForm::apply);
    connect(m_link, &QPushButton::clicked, this, &UnitDetailForm::linkRequested);
    connect(m_unlink, &QPushButton::clicked, this, [this] { delete m_linked->currentItem(); });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &UnitDetailForm::updateEnabled);
    connect(m_groups, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT groupActivated(item->data(KEY_ROLE).toLongLong());
    });
    connect(m_document, &OrgDocument::chartChanged, this, &UnitDetailForm::reread);
    reread();
}

void UnitDetailForm::setUnit(const QString &code)
{
    m_code = code;
    reread();
}

void UnitDetailForm::reread()
{
    const ChartUnit *unit = m_document->chart().unit(m_code);
    if (!unit) {
        m_code.clear();
        m_title->setText(tr("No unit selected"));
        for (QLineEdit *edit :
            {m_codeEdit, m_name, m_parent, m_contact, m_jurisdiction, m_departments})
            edit->clear();
        m_linked->clear();
        m_groups->clear();
        m_history->clear();
        updateEnabled();
        return;
    }
    m_title->setText(unit->retired ? tr("%1 — retired").arg(unitTitle(*unit)) : unitTitle(*unit));
    m_codeEdit->setText(unit->code);
    m_name->setText(unit->name);
    m_tier->setValue(unit->tier);
    m_kind->setCurrentIndex(m_kind->findData(int(unit->kind)));
    const ChartUnit *parent = m_document->chart().unit(unit->parentCode);
    m_parent->setText(parent ? unitTitle(*parent) : tr("(the top of the chart)"));
    m_contact->setText(unit->contact);
    m_jurisdiction->setText(unit->jurisdiction.join(QStringLiteral("; ")));
    m_departments->setText(unit->departments.join(QStringLiteral("; ")));
    m_linked->clear();
    for (const QString &code : unit->linkedUnits) {
        const ChartUnit *linked = m_document->chart().unit(code);
        auto *item = new QListWidgetItem(linked ? unitTitle(*linked) : code, m_linked);
        item->setData(KEY_ROLE, code);
    }
    showGroups();
    showHistory();
    updateEnabled();
}

void UnitDetailForm::showGroups()
{
    m_groups->clear();
    for (const OrgGroup &group : m_document->chart().groups()) {
        const bool concerns = group.unitCode == m_code || group.memberUnits.contains(m_code);
        if (!concerns)
            continue;
        //: %1 is a group's name, %2 its kind (coordination or leading group)
        QString text = tr("%1 (%2)").arg(group.name, groupKindName(group.kind));
        if (group.dissolved)
            text = tr("%1 — dissolved").arg(text);
        auto *item = new QListWidgetItem(text, m_groups);
        item->setData(KEY_ROLE, group.id);
        if (group.dissolved)
            item->setForeground(Qt::gray);
    }
}

void UnitDetailForm::showHistory()
{
    m_history->clear();
    const QList<OrgChange> changes = m_document->history(m_code);
    for (const OrgChange &change : changes) {
        const bool pending = change.id == 0;
        auto *item = new QTreeWidgetItem(m_history,
            {displayDateTime(change.at.toLocalTime()), pending ? tr("(unsaved)") : change.by,
                orgChangeName(change.action), change.detail});
        item->setToolTip(3, change.detail);
        if (pending) {
            QFont italic = item->font(0);
            italic.setItalic(true);
            for (int column = 0; column < 4; ++column)
                item->setFont(column, italic);
        }
    }
    m_history->scrollToBottom();
}

void UnitDetailForm::updateEnabled()
{
    const ChartUnit *unit = m_document->chart().unit(m_code);
    const bool editable = unit && !unit->retired && m_document->mayEdit();
    for (QWidget *widget : std::initializer_list<QWidget *> {
             m_name, m_tier, m_kind, m_contact, m_jurisdiction, m_departments, m_apply})
        widget->setEnabled(editable);
    const bool joint = m_kind->currentData().toInt() == int(UnitKind::Joint);
    // Only a joint-handling unit serves tier units; the rows are noise for the others.
    m_form->setRowVisible(m_linked, joint);
    m_form->setRowVisible(m_form->rowCount() - 2, joint);
    m_link->setEnabled(editable && joint);
    m_unlink->setEnabled(editable && joint);
}

void UnitDetailForm::addLinkedUnit(const QString &code)
{
    const ChartUnit *linked = m_document->chart().unit(code);
    for (int row = 0; row < m_linked->count(); ++row) {
        if (m_linked->item(row)->data(KEY_ROLE).toString() == code)
            return;
    }
    auto *item = new QListWidgetItem(linked ? unitTitle(*linked) : code, m_linked);
    item->setData(KEY_ROLE, code);
}

bool UnitDetailForm::apply()
{
    const ChartUnit *unit = m_document->chart().unit(m_code);
    if (!unit)
        return false;
    ChartUnit changed = *unit;
    changed.name = m_name->text().trimmed();
    changed.tier = m_tier->value();
    changed.kind = UnitKind(m_kind->currentData().toInt());
    changed.contact = m_contact->text().trimmed();
    changed.jurisdiction = splitList(m_jurisdiction->text());
    changed.departments = splitList(m_departments->text());
    changed.linkedUnits.clear();
    for (int row = 0; row < m_linked->count(); ++row)
        changed.linkedUnits << m_linked->item(row)->data(KEY_ROLE).toString();
    if (changed.kind != UnitKind::Joint)
        changed.linkedUnits.clear();

    //: %1 is a unit code
    const auto done = m_document->apply(tr("Change the details of %1").arg(m_code),
        [&changed](OrgChart &chart) { return chart.putUnit(changed, true); });
    if (!done) {
        Q_EMIT message(done.error().message);
        return false;
    }
    return true;
}

} // namespace GridDesk
