// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QString>

#include <expected>

namespace GridDesk {

/// What went wrong, for callers that react differently to different failures.
enum class ErrorCode {
    InvalidArgument,
    FileNotFound,
    MissingCompanionFile,
    UnreadableFile,
    UnknownCrs,
    MissingCrs,
    UnknownEncoding,
    MissingField,
    InvalidGeometry,
    InvalidRow,
    Database,
    SchemaTooNew,
    NotFound,
    NotAllowed, ///< the workflow does not allow this action in the case's state
    Forbidden, ///< the acting role or person may not do this
    Conflict, ///< the data changed since the action was prepared
    /// who is asking is not established: wrong name or password, a session token that is
    /// unknown, expired or forged, or an account that is disabled
    Unauthorized,
    Unavailable, ///< a server cannot be reached or is busy; trying again later may work
    Cancelled, ///< the user stopped the operation before it finished; nothing was kept
};

/// A failure with a message for people: what is wrong and where (file, layer, row, field).
struct Error
{
    ErrorCode code = ErrorCode::InvalidArgument;
    QString message;

    /// Prefixes the message with where it happened, e.g. "grids.shp, row 12: ".
    Error at(const QString &where) const;
};

template<typename T>
using Result = std::expected<T, Error>;

/// Shorthand for returning a failure: `return fail(ErrorCode::UnknownCrs, tr(...));`.
inline std::unexpected<Error> fail(ErrorCode code, const QString &message)
{
    return std::unexpected(Error {code, message});
}

} // namespace GridDesk
