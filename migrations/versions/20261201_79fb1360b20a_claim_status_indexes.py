"""Partial indexes for the dashboard's state questions: does an article have a pending
claim, a disputed one, a decided one? Each is one look into a small index of the claims
with that status (sentences marked not a claim left out), in place of the index of all
claims by article, status and kind. And is it signed off, without reading the articles.

Revision ID: 79fb1360b20a
Revises: 5b1e0c7d9a34
Create Date: 2026-12-01 11:41:07.402117
"""

from alembic import op
import sqlalchemy as sa


revision = '79fb1360b20a'
down_revision = '5b1e0c7d9a34'
branch_labels = None
depends_on = None

STATUS_INDEXES = (
    ('ix_claims_pending_article_id', "status = 'pending' AND kind <> 'not_claim'"),
    ('ix_claims_disputed_article_id', "status = 'disputed' AND kind <> 'not_claim'"),
    ('ix_claims_decided_article_id', "status <> 'pending' AND kind <> 'not_claim'"),
)


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_signed_off_at'), ['signed_off_at'], unique=False)

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_article_id_status_kind')
        for name, where in STATUS_INDEXES:
            batch_op.create_index(name, ['article_id'], unique=False,
                                  postgresql_where=sa.text(where), sqlite_where=sa.text(where))


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        for name, _ in STATUS_INDEXES:
            batch_op.drop_index(name)
        batch_op.create_index('ix_claims_article_id_status_kind', ['article_id', 'status', 'kind'], unique=False)

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_signed_off_at'))
