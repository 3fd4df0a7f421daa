from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_stories"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="author",
            field=models.CharField(
                blank=True, db_index=True, max_length=200, verbose_name="author"
            ),
        ),
    ]
