// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsbrowser.h"

#include "logging.h"
#include "standardsdetail.h"
#include "standardsdocument.h"
#include "standardsfilter.h"
#include "standardstreemodel.h"

#include "standards/standardsreport.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace GridDesk {

StandardsBrowser::StandardsBrowser(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new StandardsDocument(this))
    , m_model(new StandardsTreeModel(this))
    , m_filter(new StandardsFilter(this))
{
    setObjectName(QStringLiteral("standardsBrowser"));
    m_filter->setSourceModel(m_model);
    createWidgets();
    createActions();
    createMenus();
    connectSignals();
    resize(1400, 900);
    updateTitle();
    updateActions();
}

StandardsBrowser::~StandardsBrowser() = default;

Result<void> StandardsBrowser::open(const QString &path, const QString &user, const QString &role)
{
    setUser(user, role);
    return m_document->open(path);
}

void StandardsBrowser::setUser(const QString &user, const QString &role)
{
    m_document->setUser(user, role);
    const QString reason = m_document->readOnlyReason();
    m_banner->setText(reason);
    m_banner->setVisible(!reason.isEmpty());
    updateActions();
}

void StandardsBrowser::createWidgets()
{
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("standardsSearch"));
    m_search->setPlaceholderText(
        tr("Search codes, titles, summaries and attached standards (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("standardsTree"));
    m_tree->setModel(m_filter);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(
        int(StandardsTreeModel::Column::Title), QHeaderView::Stretch);
    m_tree->setColumnWidth(int(StandardsTreeModel::Column::Code), 150);
    m_tree->setColumnWidth(int(StandardsTreeModel::Column::Clause), 70);
    for (auto count :
        {StandardsTreeModel::Column::Standards, StandardsTreeModel::Column::ImplementedBy})
        m_tree->header()->setSectionResizeMode(int(count), QHeaderView::ResizeToContents);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_tree);

    m_crumbs = new QWidget;
    m_crumbs->setObjectName(QStringLiteral("breadcrumbs"));
    m_crumbLayout = new QHBoxLayout(m_crumbs);
    m_crumbLayout->setContentsMargins(0, 0, 0, 0);
    m_crumbLayout->setSpacing(2);
    m_detail = new StandardsDetail;
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_detail);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    rightLayout->addWidget(m_crumbs);
    rightLayout->addWidget(scroll, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 840});

    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #fdf2d0; color: #5b4500; padding: 6px; }"));
    m_banner->hide();

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_coverage = new QLabel;
    m_coverage->setObjectName(QStringLiteral("coverage"));
    statusBar()->addPermanentWidget(m_coverage);
}

void StandardsBrowser::connectSignals()
{
    connect(m_document, &StandardsDocument::treeChanged, this, &StandardsBrowser::showTree);
    connect(m_document, &StandardsDocument::modifiedChanged, this, [this] {
        updateTitle();
        updateActions();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            const qint64 id = StandardsTreeModel::nodeId(m_filter->mapToSource(current));
            if (id == 0 || id == m_current)
                return;
            m_current = id;
            showSelected();
        });
    connect(m_tree, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (m_search->text().trimmed().isEmpty())
            m_expanded.insert(StandardsTreeModel::nodeId(m_filter->mapToSource(index)));
    });
    connect(m_tree, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (m_search->text().trimmed().isEmpty())
            m_expanded.remove(StandardsTreeModel::nodeId(m_filter->mapToSource(index)));
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearch(text);
        if (text.trimmed().isEmpty())
            showTree();
        else
            m_tree->expandAll();
    });
    connect(m_detail, &StandardsDetail::attachedSelectionChanged, this,
        &StandardsBrowser::updateActions);
    connect(m_detail, &StandardsDetail::documentRequested, this, &StandardsBrowser::openDocument);
}

QString StandardsBrowser::titleOf(const StandardNode &node) const
{
    return m_model->isChinese() ? node.titleZh : node.titleEn;
}

void StandardsBrowser::showTree()
{
    const StandardsTree &tree = m_document->tree();
    m_model->setTree(tree);
    // The sub-systems start open; afterwards the tree keeps what the user opened.
    const bool first = m_expanded.isEmpty();
    if (first) {
        for (qint64 root : tree.roots())
            m_expanded.insert(root);
    }
    const QSet<qint64> expanded = m_expanded;
    for (qint64 id : expanded) {
        const QModelIndex index = m_filter->mapFromSource(m_model->indexOf(id));
        if (index.isValid())
            m_tree->expand(index);
    }
    if (!m_search->text().trimmed().isEmpty())
        m_tree->expandAll();

    if (!tree.node(m_current))
        m_current = 0;
    // The first view shows the first sub-system rather than an empty detail pane.
    const qint64 current = std::exchange(m_current, 0);
    if (current != 0)
        selectNode(current);
    else if (first && !tree.roots().isEmpty())
        selectNode(tree.roots().first());
    else
        showSelected();
    updateCoverage();
    updateTitle();
    updateActions();
}

qint64 StandardsBrowser::selectedNode() const
{
    return m_current;
}

void StandardsBrowser::selectNode(qint64 id)
{
    if (!m_document->tree().node(id))
        return;
    QModelIndex index = m_filter->mapFromSource(m_model->indexOf(id));
    if (!index.isValid()) {
        m_search->clear();
        index = m_filter->mapFromSource(m_model->indexOf(id));
    }
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    if (m_current != id) {
        m_current = id;
        showSelected();
    }
}

bool StandardsBrowser::selectCode(const QString &code)
{
    const StandardNode *node = m_document->tree().nodeByCode(code);
    if (!node)
        return false;
    selectNode(node->id);
    return true;
}

void StandardsBrowser::showSelected()
{
    m_detail->showNode(m_document->tree(), m_current, m_document->history(m_current));
    showBreadcrumbs(m_current);
    updateActions();
}

void StandardsBrowser::showBreadcrumbs(qint64 id)
{
    while (QLayoutItem *item = m_crumbLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const StandardsTree &tree = m_document->tree();
    const QStringList codes = tree.node(id) ? tree.path(id) : QStringList();
    for (int i = 0; i < codes.size(); ++i) {
        const StandardNode *node = tree.nodeByCode(codes.at(i));
        const bool last = i == codes.size() - 1;
        if (i > 0)
            m_crumbLayout->addWidget(new QLabel(QStringLiteral("›")));
        auto *crumb = new QToolButton;
        crumb->setObjectName(QStringLiteral("crumb_") + codes.at(i));
        crumb->setAutoRaise(true);
        crumb->setText(
            last ? QStringLiteral("%1  %2").arg(codes.at(i), titleOf(*node)) : codes.at(i));
        crumb->setToolTip(titleOf(*node));
        QFont font = crumb->font();
        font.setBold(last);
        crumb->setFont(font);
        const qint64 target = node->id;
        connect(crumb, &QToolButton::clicked, this, [this, target] { selectNode(target); });
        m_crumbLayout->addWidget(crumb);
    }
    m_crumbLayout->addStretch(1);
}

QStringList StandardsBrowser::breadcrumbs() const
{
    QStringList codes;
    for (int i = 0; i < m_crumbLayout->count(); ++i) {
        if (auto *crumb = qobject_cast<QToolButton *>(m_crumbLayout->itemAt(i)->widget()))
            codes << crumb->objectName().mid(QStringLiteral("crumb_").size());
    }
    return codes;
}

void StandardsBrowser::updateCoverage()
{
    const StandardsReport report(m_document->tree());
    const StandardsCoverage coverage = report.coverage();
    //: %1 categories; %n standards; %2 and %3 numbers of categories
    m_coverage->setText(tr("%1 categories · %n standard(s) attached · %2 categories without a "
                           "standard · %3 categories nothing in GridDesk implements",
        nullptr, coverage.standards)
                            .arg(coverage.nodes)
                            .arg(coverage.withoutStandard.size())
                            .arg(coverage.unimplemented.size()));
}

void StandardsBrowser::updateTitle()
{
    const QString path = m_document->workspacePath();
    if (path.isEmpty())
        setWindowTitle(tr("Standard system[*]"));
    else
        //: %1 is the workspace file's name
        setWindowTitle(tr("Standard system — %1[*]").arg(QFileInfo(path).completeBaseName()));
    setWindowModified(m_document->isModified());
}

void StandardsBrowser::updateActions()
{
    if (m_actions.isEmpty())
        return;
    const bool editable = m_document->mayEdit();
    const StandardNode *node = m_document->tree().node(m_current);
    const bool category = node && node->parentId != 0;
    const AttachedStandard *standard = m_document->attachedById(m_detail->selectedAttached());

    action(Action::Save)
        ->setEnabled(editable && m_document->hasWorkspace() && m_document->isModified());
    action(Action::Reload)->setEnabled(m_document->hasWorkspace());
    action(Action::AddCategory)->setEnabled(editable && node);
    action(Action::RemoveCategory)->setEnabled(editable && category);
    action(Action::MoveCategory)->setEnabled(editable && category);
    action(Action::Renumber)->setEnabled(editable && category);
    action(Action::Attach)->setEnabled(editable && node);
    action(Action::Detach)->setEnabled(editable && standard);
    action(Action::OpenDocument)->setEnabled(standard && !standard->fileName.isEmpty());
}

void StandardsBrowser::showMessage(const QString &text)
{
    m_lastMessage = text;
    statusBar()->showMessage(text, 15000);
}

void StandardsBrowser::refuse(const QString &title, const QString &reason)
{
    showMessage(reason);
    auto *box = new QMessageBox(QMessageBox::Warning, title, reason, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("refusalBox"));
    box->open();
}

bool StandardsBrowser::addCategory(const QString &parentCode, const NewCategory &category)
{
    qint64 added = 0;
    //: %1 is a category code
    const auto done = m_document->apply(
        tr("Add a category under %1").arg(parentCode), [&](StandardsTree &tree) -> Result<void> {
            auto id = tree.addCategory(parentCode, category);
            if (!id)
                return std::unexpected(id.error());
            added = *id;
            return {};
        });
    if (!done) {
        refuse(tr("Category not added"), done.error().message);
        return false;
    }
    selectNode(added);
    showMessage(tr("Added %1.").arg(m_document->tree().node(added)->code));
    return true;
}

bool StandardsBrowser::removeSelected()
{
    const StandardNode *node = m_document->tree().node(m_current);
    if (!node)
        return false;
    const QString code = node->code;
    const qint64 parentId = node->parentId;
    const auto done = m_document->apply(tr("Remove %1").arg(code),
        [&code](StandardsTree &tree) { return tree.removeCategory(code); });
    if (!done) {
        refuse(tr("Category not removed"), done.error().message);
        return false;
    }
    selectNode(parentId);
    showMessage(tr("Removed %1.").arg(code));
    return true;
}

bool StandardsBrowser::moveSelected(const QString &parentCode)
{
    const StandardNode *node = m_document->tree().node(m_current);
    if (!node)
        return false;
    const QString code = node->code;
    //: %1 and %2 are category codes
    const auto done = m_document->apply(tr("Move %1 under %2").arg(code, parentCode),
        [&](StandardsTree &tree) { return tree.moveCategory(code, parentCode); });
    if (!done) {
        refuse(tr("Category not moved"), done.error().message);
        return false;
    }
    selectNode(m_current);
    showMessage(tr("Moved %1; it is now %2.").arg(code, m_document->tree().node(m_current)->code));
    return true;
}

bool StandardsBrowser::renumberSelected(const QString &newCode)
{
    const StandardNode *node = m_document->tree().node(m_current);
    if (!node)
        return false;
    const QString code = node->code;
    //: %1 old code, %2 new code
    const auto done = m_document->apply(tr("Renumber %1 to %2").arg(code, newCode.trimmed()),
        [&](StandardsTree &tree) { return tree.renumber(code, newCode); });
    if (!done) {
        refuse(tr("Category not renumbered"), done.error().message);
        return false;
    }
    selectNode(m_current);
    showMessage(tr("%1 is now %2.").arg(code, m_document->tree().node(m_current)->code));
    return true;
}

bool StandardsBrowser::attachToSelected(
    const AttachedStandard &standard, const QString &documentPath)
{
    const auto id = m_document->attach(m_current, standard, documentPath);
    if (!id) {
        refuse(tr("Standard not attached"), id.error().message);
        return false;
    }
    m_detail->selectAttached(*id);
    showMessage(tr("Attached %1; Save keeps it in the workspace.").arg(standard.number.trimmed()));
    return true;
}

bool StandardsBrowser::detachSelected()
{
    const auto done = m_document->detach(m_detail->selectedAttached());
    if (!done) {
        refuse(tr("Standard not detached"), done.error().message);
        return false;
    }
    showMessage(tr("Detached; Save removes it from the workspace."));
    return true;
}

bool StandardsBrowser::save()
{
    const auto saved = m_document->save();
    if (saved) {
        showMessage(tr("Standards tree saved."));
        return true;
    }
    if (saved.error().code == ErrorCode::Conflict) {
        offerReload(saved.error().message);
        return false;
    }
    refuse(tr("Standards tree not saved"), saved.error().message);
    return false;
}

void StandardsBrowser::offerReload(const QString &reason)
{
    showMessage(reason);
    const int steps = m_document->undoStack()->count();
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Standards tree not saved"), reason, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("conflictBox"));
    QPushButton *reload =
        box->addButton(tr("Reload and drop my %n unsaved change(s)", nullptr, steps),
            QMessageBox::DestructiveRole);
    reload->setObjectName(QStringLiteral("reloadButton"));
    box->addButton(tr("Keep editing"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, reload](QAbstractButton *button) {
        if (button != reload)
            return;
        if (auto done = m_document->reload(); !done)
            refuse(tr("Standards tree not reloaded"), done.error().message);
        else
            showMessage(tr("The standards tree was reloaded as the workspace holds it."));
    });
    box->open();
}

bool StandardsBrowser::exportTo(StandardsPrintout printout, const QString &path)
{
    const StandardsReport report(m_document->tree());
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        if (auto written = writeStandardsPdf(report, printout, path); !written) {
            refuse(tr("Not exported"), written.error().message);
            return false;
        }
        showMessage(tr("Exported to %1.").arg(path));
        return true;
    }

    const QByteArray csv = printout == StandardsPrintout::SystemTable ? report.systemTableCsv()
                                                                      : report.detailListCsv();
    QSaveFile file(path);
    const bool written =
        file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size() && file.commit();
    if (!written) {
        qCWarning(lcStandardsEdit) << "exporting to" << path << "failed:" << file.errorString();
        refuse(tr("Not exported"), tr("%1 cannot be written: %2").arg(path, file.errorString()));
        return false;
    }
    showMessage(tr("Exported to %1.").arg(path));
    return true;
}

Result<QString> StandardsBrowser::documentFile(qint64 attachedId)
{
    const AttachedStandard *standard = m_document->attachedById(attachedId);
    if (!standard || standard->fileName.isEmpty())
        return fail(ErrorCode::NotFound, tr("This standard has no document."));
    const QString fileName = QFileInfo(standard->fileName).fileName();
    auto content = m_document->document(attachedId);
    if (!content)
        return std::unexpected(content.error());

    if (!m_documents)
        m_documents = std::make_unique<QTemporaryDir>();
    // Each standard gets its own folder, so two documents of the same name never collide.
    const QString folder = m_documents->filePath(QString::number(attachedId));
    const QString path = folder + QLatin1Char('/') + fileName;
    QDir().mkpath(folder);
    QSaveFile file(path);
    const bool written =
        file.open(QIODevice::WriteOnly) && file.write(*content) == content->size() && file.commit();
    if (!written)
        return fail(ErrorCode::UnreadableFile,
            tr("%1 cannot be written: %2").arg(path, file.errorString()));
    return path;
}

QStringList StandardsBrowser::allowedParents(const QString &code) const
{
    const StandardsTree &tree = m_document->tree();
    const StandardNode *moving = tree.nodeByCode(code);
    if (!moving)
        return {};
    QStringList parents;
    for (qint64 id : tree.preorder()) {
        StandardsTree trial = tree;
        const QString parentCode = tree.node(id)->code;
        if (trial.moveCategory(code, parentCode))
            parents << parentCode;
    }
    return parents;
}

void StandardsBrowser::closeEvent(QCloseEvent *event)
{
    if (!m_document->isModified()) {
        event->accept();
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
        tr("The standards tree has %n unsaved change(s). Save them before closing?", nullptr,
            m_document->undoStack()->count()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save())) {
        event->ignore();
        return;
    }
    // Dropped steps stay dropped if the window is opened again.
    if (answer == QMessageBox::Discard && m_document->hasWorkspace())
        m_document->reload();
    event->accept();
}

} // namespace GridDesk
