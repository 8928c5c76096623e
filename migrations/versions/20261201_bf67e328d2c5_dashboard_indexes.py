"""Indexes for a newsroom's worth of articles: the dashboard's order, language list and
state rules, the reviewer filter, and substring search on PostgreSQL (pg_trgm).

The trigram indexes exist on PostgreSQL only: SQLite reads every row for a search, which
is fast at its sizes, and has no index that would serve LIKE '%term%'.

Revision ID: bf67e328d2c5
Revises: c0f031440a12
Create Date: 2026-12-01 11:02:10.118204
"""

from alembic import op
import sqlalchemy as sa


revision = 'bf67e328d2c5'
down_revision = 'c0f031440a12'
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = (('ix_articles_title_trgm', 'title'), ('ix_articles_body_trgm', 'body'))


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_imported_at_id', ['imported_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_language'), ['language'], unique=False)

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_article_id_status_kind', ['article_id', 'status', 'kind'], unique=False)

    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_events_user_id'), ['user_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        # A trusted extension since PostgreSQL 13: the database's owner may create it.
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        for name, column in TRIGRAM_INDEXES:
            op.create_index(name, 'articles', [column], unique=False,
                            postgresql_using='gin', postgresql_ops={column: 'gin_trgm_ops'})


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for name, _ in TRIGRAM_INDEXES:
            op.drop_index(name, table_name='articles')
        # The pg_trgm extension stays: something else in the database may use it.

    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_events_user_id'))

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_article_id_status_kind')

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_language'))
        batch_op.drop_index('ix_articles_imported_at_id')
