// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerpanel.h"

#include "logging.h"
#include "registermappingdialog.h"
#include "registertablemodel.h"

#include "register/caselinks.h"
#include "register/registerbook.h"
#include "register/registerprivacy.h"
#include "register/registersearch.h"
#include "storage/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace GridDesk {

RegisterPanel::RegisterPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_kind(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_staleOnly(new QCheckBox(tr("Only due a visit"), this))
    , m_reveal(new QPushButton(tr("Reveal personal data…"), this))
    , m_import(new QPushButton(tr("Import…"), this))
    , m_table(new QTableView(this))
    , m_model(new RegisterTableModel(this))
    , m_casesTitle(new QLabel(this))
    , m_cases(new QListWidget(this))
{
    m_cases->setObjectName(QStringLiteral("registerEntryCases"));
    m_cases->setToolTip(tr("Double-click a case to open it"));
    m_cases->setMaximumHeight(m_cases->fontMetrics().height() * 6);
    m_kind->setObjectName(QStringLiteral("registerKind"));
    m_search->setObjectName(QStringLiteral("registerSearch"));
    m_search->setPlaceholderText(tr("Name or address begins with…"));
    m_search->setClearButtonEnabled(true);
    m_staleOnly->setObjectName(QStringLiteral("registerStaleOnly"));
    m_reveal->setObjectName(QStringLiteral("registerReveal"));
    m_import->setObjectName(QStringLiteral("registerImport"));
    m_import->setToolTip(tr("Import entries from a CSV, XLSX or GIS file, mapping its columns"));
    m_counts->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_reveal->setToolTip(tr("Leaders and administrators may see names, ID numbers, phone "
                            "numbers and people's addresses; each reveal is recorded with its "
                            "reason."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_kind, 1);
    filters->addWidget(m_staleOnly);
    filters->addWidget(m_reveal);
    filters->addWidget(m_import);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_counts);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_casesTitle);
    layout->addWidget(m_cases);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &RegisterPanel::refresh);
    connect(m_search, &QLineEdit::returnPressed, this, &RegisterPanel::refresh);
    connect(m_staleOnly, &QCheckBox::toggled, this, &RegisterPanel::refresh);
    connect(m_reveal, &QPushButton::clicked, this, &RegisterPanel::askAndReveal);
    connect(m_import, &QPushButton::clicked, this, &RegisterPanel::startImport);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &RegisterPanel::showCasesOfCurrent);
    connect(m_cases, &QListWidget::itemActivated, this, [this](const QListWidgetItem *item) {
        Q_EMIT caseRequested(item->data(Qt::UserRole).toLongLong());
    });
    setWorkspace({});
}

RegisterPanel::~RegisterPanel() = default;

void RegisterPanel::setWorkspace(const QString &path)
{
    delete m_importDialog; // it works on the workspace that goes now
    m_book.reset();
    m_workspace.reset();
    m_gridCode.clear();
    m_kind->blockSignals(true);
    m_kind->clear();
    m_kind->addItem(tr("All kinds"));
    if (!path.isEmpty()) {
        auto opened = Workspace::open(path);
        auto book = opened ? RegisterBook::load(**opened) : std::unexpected(opened.error());
        if (book) {
            m_workspace = std::move(*opened);
            m_book = std::make_unique<RegisterBook>(std::move(*book));
            for (const RegisterKind &kind : m_book->schema().kinds())
                m_kind->addItem(tr("%1 %2", "a register kind in English, then in Chinese")
                                    .arg(kind.title, kind.titleZh),
                    kind.key);
        } else {
            qCWarning(lcRegisterView) << "opening the register failed:" << book.error().message;
            Q_EMIT message(tr("The register could not be opened: %1").arg(book.error().message));
        }
    }
    m_kind->blockSignals(false);
    refresh();
}

void RegisterPanel::setUser(const QString &name, const QString &role)
{
    m_userName = name;
    m_userRole = role;
    refresh();
}

void RegisterPanel::showGrid(const QString &code, const QString &label)
{
    m_gridCode = code;
    m_title->setText(code.isEmpty() ? tr("The whole register")
                                    : tr("Register of %1").arg(label.isEmpty() ? code : label));
    refresh();
}

bool RegisterPanel::mayReveal() const
{
    return m_book && mayRevealRegister(m_userRole);
}

QDateTime RegisterPanel::now() const
{
    return m_at.isValid() ? m_at : QDateTime::currentDateTimeUtc();
}

QString RegisterPanel::countsText() const
{
    return m_counts->text();
}

void RegisterPanel::refresh()
{
    m_revealed = false;
    m_reveal->setEnabled(mayReveal());
    m_import->setEnabled(m_book != nullptr);
    if (!m_book) {
        m_counts->setText(tr("No workspace is open."));
        m_model->setEntries({}, RegisterSchema(), {});
        return;
    }
    const std::optional<QString> grid =
        m_gridCode.isEmpty() ? std::nullopt : std::optional<QString>(m_gridCode);
    auto counts = m_book->counts(grid, now());
    auto stale = m_book->stale(grid, now());
    RegisterQuery query;
    query.gridCode = grid;
    if (const QString kind = m_kind->currentData().toString(); !kind.isEmpty())
        query.kind = kind;
    const QString searched = m_search->text().trimmed();
    auto entries = !searched.isEmpty() ? RegisterSearch::byNameOrAddress(*m_book, searched, query)
        : m_staleOnly->isChecked()     ? stale
                                       : m_book->entries(query);
    if (!counts || !stale || !entries) {
        const Error error = !counts ? counts.error() : !stale ? stale.error() : entries.error();
        m_counts->setText(tr("The register could not be read: %1").arg(error.message));
        return;
    }

    QStringList parts;
    qint64 due = 0;
    for (const KindCount &count : std::as_const(*counts)) {
        const RegisterKind *kind = m_book->schema().kind(count.kind);
        parts << tr("%1 %2", "a kind's title and how many entries it has")
                     .arg(kind ? kind->titleZh + u' ' + kind->title : count.kind)
                     .arg(count.entries);
        due += count.stale;
    }
    //: %1 lists the kinds with their counts, %n how many entries are due a visit
    m_counts->setText(
        tr("%1 — %n due a visit", nullptr, int(due)).arg(parts.join(QStringLiteral(" · "))));

    QSet<QString> staleCodes;
    for (const RegisterEntry &entry : std::as_const(*stale))
        staleCodes.insert(entry.code);
    QList<RegisterEntry> shown;
    for (const RegisterEntry &entry : std::as_const(*entries)) {
        if (query.kind && entry.kind != *query.kind)
            continue;
        shown << maskedEntry(m_book->schema(), entry);
    }
    m_model->setEntries(shown, m_book->schema(), staleCodes);
    m_table->resizeColumnsToContents();
    showCasesOfCurrent();
}

void RegisterPanel::showCasesOfCurrent()
{
    m_cases->clear();
    const QModelIndex current = m_table->currentIndex();
    const QString code = current.isValid()
        ? m_model->index(current.row(), 0).data(int(RegisterTableModel::Role::Code)).toString()
        : QString();
    if (!m_workspace || code.isEmpty()) {
        m_casesTitle->setText(tr("Choose an entry to see its cases."));
        return;
    }
    auto links = CaseLinks::ofEntry(*m_workspace, code);
    if (!links) {
        m_casesTitle->setText(
            tr("The cases of %1 could not be read: %2").arg(code, links.error().message));
        return;
    }
    //: %1 is a register entry's code, %n how many cases are linked to it
    m_casesTitle->setText(tr("Cases of %1: %n", nullptr, int(links->size())).arg(code));
    for (const CaseLink &link : std::as_const(*links)) {
        //: a case linked to a register entry: its number, state, category and description
        QString text = tr("Case %1 · %2 · %3 · %4")
                           .arg(link.caseId)
                           .arg(link.caseState, link.caseCategory, link.caseDescriptor);
        if (link.role == LinkRole::Reporter)
            text = tr("Reported: %1").arg(text);
        auto *item = new QListWidgetItem(text, m_cases);
        item->setData(Qt::UserRole, link.caseId);
    }
}

bool RegisterPanel::revealWith(const QString &reason)
{
    if (!m_book)
        return false;
    QList<RegisterEntry> stored;
    for (const RegisterEntry &shown : m_model->entries()) {
        auto entry = m_book->entry(shown.code);
        if (entry && *entry)
            stored << **entry;
    }
    auto revealed = revealEntries(
        *m_workspace, m_book->schema(), stored, m_userName, m_userRole, reason, now());
    if (!revealed) {
        Q_EMIT message(revealed.error().message);
        return false;
    }
    QSet<QString> stale;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(int(RegisterTableModel::Role::Stale)).toBool())
            stale.insert(index.data(int(RegisterTableModel::Role::Code)).toString());
    }
    m_model->setEntries(*revealed, m_book->schema(), stale);
    m_revealed = true;
    //: %n is how many entries are shown unmasked
    Q_EMIT message(tr("Personal data of %n entry(ies) shown; the reveal is recorded.", nullptr,
        int(revealed->size())));
    return true;
}

RegisterMappingDialog *RegisterPanel::importDialog() const
{
    return m_importDialog;
}

void RegisterPanel::startImport()
{
    if (!m_workspace)
        return;
    if (m_importDialog) {
        m_importDialog->raise();
        return;
    }
    const QString by = m_userName.isEmpty() ? tr("workstation") : m_userName;
    auto *dialog = new RegisterMappingDialog(*m_workspace, by, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &RegisterMappingDialog::imported, this, [this](const RegisterImportReport &report) {
            // The book reads the grids and numbers once; a fresh one sees what the import wrote.
            if (auto book = RegisterBook::load(*m_workspace))
                m_book = std::make_unique<RegisterBook>(std::move(*book));
            refresh();
            Q_EMIT message(tr("%1: %2 created, %3 updated in the register.")
                               .arg(report.file)
                               .arg(report.created)
                               .arg(report.updated));
            Q_EMIT registerChanged();
        });
    m_importDialog = dialog;
    dialog->show();
}

void RegisterPanel::askAndReveal()
{
    bool given = false;
    const QString reason = QInputDialog::getText(this, tr("Reveal personal data"),
        tr("Why do you need to see the personal data of these %n entry(ies)? The reason is "
           "recorded.",
            nullptr, m_model->rowCount()),
        QLineEdit::Normal, {}, &given);
    if (given)
        revealWith(reason);
}

} // namespace GridDesk
