// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QSortFilterProxyModel>

namespace GridDesk {

/// The search over a StandardsTreeModel: a category matches when every word of the search
/// appears in its code, clause, titles or summaries (both languages) or in the numbers and
/// titles of the standards attached to it. The ancestors of a match stay visible.
class StandardsFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit StandardsFilter(QObject *parent = nullptr);

    void setSearch(const QString &text);
    QString search() const { return m_words.join(u' '); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
};

} // namespace GridDesk
