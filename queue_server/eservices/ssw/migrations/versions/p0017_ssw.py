"""SSW: permit catalogue, applications, document checks, reviews, inspections, permits

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 14:10:00

The permits of SSW (issue 17), in its package (queue_server/eservices/ssw).
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
